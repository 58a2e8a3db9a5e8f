using Stencil.Distributed;

namespace Geothermal3D;

/// <summary>Command line of the example: the options Stencil runs share.</summary>
public static class Options
{
    public static readonly RunDefaults Defaults = new("geothermal3d", Grid: [127, 63, 63], QuickGrid: [31, 15, 15], Iterations: 20, QuickIterations: 10, MinimumCells: 8);

    public static readonly string Usage = $"""
        Geothermal3D: invert the permeability of a 3D box from pressure observed in boreholes (steady Darcy flow).
        Runs on one process, or on N under mpiexec -n N (the global grid split into N blocks).
        Options:
        {RunOptions.Usage(Defaults)}
        """;

    public static RunOptions Parse(string[] args) => RunOptions.Parse(args, Defaults, Usage);
}
