using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>Command line of the example: the options Stencil runs share, and its own flags.</summary>
public static class Options
{
    public static readonly RunDefaults Defaults = new("geothermal2d", Grid: [255, 127], QuickGrid: [63, 31], Iterations: 20, QuickIterations: 3);

    public static readonly string Usage = $"""
        Geothermal2D: invert permeability from sparse pressure observations (steady Darcy flow).
        Runs on one process, or on N under mpiexec -n N (the global grid split into N blocks).
        Options:
        {RunOptions.Usage(Defaults)}
          --cold-start                          start every forward and adjoint solve from rest (default: from the last solution)
          --fixed-checks                        check the inversion's PT residuals every 2 nx iterations (default: sooner where convergence is predicted)
          --check-gradient                      Taylor test of J(log K) instead of the inversion
        """;

    public static RunOptions Parse(string[] args) => RunOptions.Parse(args, Defaults, Usage, "--cold-start", "--fixed-checks", "--check-gradient");
}
