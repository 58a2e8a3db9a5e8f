namespace Geothermal2D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend, string Out, bool Quick, int Iterations, bool CheckGradient, bool Resume, bool Scaling = false, bool ColdStart = false, bool FixedChecks = false,
    (int Nx, int Ny)? Grid = null, int? Threads = null, bool ForwardOnly = false, int? PtIterations = null, string Exchange = "auto", bool Help = false, bool Force = false)
{
    public const string Usage = """
        Geothermal2D: invert permeability from sparse pressure observations (steady Darcy flow).
        Runs on one process, or on N under mpiexec -n N (the global grid split into N blocks).
        Options:
          --backend cpu|cuda|opencl|ilgpu-cpu   where kernels run (default cpu; under MPI each process takes the GPU of its node-local rank)
          --grid NXxNY                          global cells (default 255x127; with --quick 63x31); under MPI a grid the processes split evenly
          --threads N                           CPU threads per process (default: the node's cores shared among its processes)
          --exchange auto|plain|hidden          under MPI, halo exchanges after each kernel (plain) or hidden behind its interior (hidden: boundary
                                                slabs of 16 x 8 cells first); auto (default) hides where a core is free to carry the messages
          --out DIR                             output folder (default out/geothermal2d, or out/geothermal2d-quick with --quick)
          --quick                               small grid, 3 iterations: seconds
          --iterations N                        L-BFGS iterations (default 20, or 3 with --quick)
          --resume                              continue from the inversion state in DIR if present
          --force                               replace an inversion state in DIR that another case or grid wrote
          --cold-start                          start every forward and adjoint solve from rest (default: from the last solution)
          --fixed-checks                        check the inversion's PT residuals every 2 nx iterations (default: sooner where convergence is predicted)
          --check-gradient                      Taylor test of J(log K) instead of the inversion
          --forward                             one forward solve of the true K, timed (time per PT iteration, halo updates)
          --pt-iterations N                     with --forward: stop after N PT iterations (timing without waiting for convergence)
          --scaling                             forward PT iterations / nx for nx = 63, 127, 255, 511 (one process)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options("cpu", "", false, -1, false, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--backend" => o with { Backend = Value() },
                "--out" => o with { Out = Value() is { Length: > 0 } dir ? dir : throw new ArgumentException("--out needs a folder.") },
                "--quick" => o with { Quick = true },
                "--iterations" => o with { Iterations = Positive("--iterations", Value()) },
                "--grid" => o with { Grid = ParseGrid(Value()) },
                "--threads" => o with { Threads = Positive("--threads", Value()) },
                "--resume" => o with { Resume = true },
                "--force" => o with { Force = true },
                "--check-gradient" => o with { CheckGradient = true },
                "--forward" => o with { ForwardOnly = true },
                "--pt-iterations" => o with { PtIterations = Positive("--pt-iterations", Value()) },
                "--scaling" => o with { Scaling = true },
                "--cold-start" => o with { ColdStart = true },
                "--fixed-checks" => o with { FixedChecks = true },
                "--exchange" => o with { Exchange = OneOf("--exchange", Value(), "auto", "plain", "hidden") },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if (o.Iterations < 0) o = o with { Iterations = o.Quick ? 3 : 20 };
        // Quick runs have their own folder, so that they never replace a full run's figures and state.
        if (o.Out.Length == 0) o = o with { Out = Path.Combine("out", o.Quick ? "geothermal2d-quick" : "geothermal2d") };
        return o;
    }

    private static string OneOf(string option, string text, params string[] choices)
        => choices.Contains(text) ? text : throw new ArgumentException($"{option} takes {string.Join(", ", choices)}; got '{text}'.");

    private static int Positive(string option, string text)
        => int.TryParse(text, out int value) && value > 0 ? value : throw new ArgumentException($"{option} takes a positive whole number; got '{text}'.");

    private static (int, int) ParseGrid(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int nx) && int.TryParse(parts[1], out int ny) && nx >= 3 && ny >= 3)
            return (nx, ny);
        throw new ArgumentException($"--grid takes global cells as NXxNY with both at least 3, e.g. 255x127; got '{text}'.");
    }
}
