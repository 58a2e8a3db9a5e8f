namespace Geothermal2D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend = "cpu", string Out = "", bool Quick = false, int Iterations = -1, (int Nx, int Ny)? Grid = null, int? Threads = null,
    string Exchange = "auto", bool Resume = false, bool Force = false, bool ColdStart = false, bool FixedChecks = false, bool CheckGradient = false, bool Help = false)
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
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
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
                "--exchange" => o with { Exchange = Value() is ("auto" or "plain" or "hidden") and var e ? e : throw new ArgumentException($"--exchange takes auto, plain, hidden; got '{args[i]}'.") },
                "--resume" => o with { Resume = true },
                "--force" => o with { Force = true },
                "--cold-start" => o with { ColdStart = true },
                "--fixed-checks" => o with { FixedChecks = true },
                "--check-gradient" => o with { CheckGradient = true },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        // Quick runs have their own folder, so that they never replace a full run's figures and state.
        return o with { Iterations = o.Iterations > 0 ? o.Iterations : o.Quick ? 3 : 20, Out = o.Out.Length > 0 ? o.Out : Path.Combine("out", o.Quick ? "geothermal2d-quick" : "geothermal2d") };
    }

    private static int Positive(string option, string text)
        => int.TryParse(text, out int value) && value > 0 ? value : throw new ArgumentException($"{option} takes a positive whole number; got '{text}'.");

    private static (int, int) ParseGrid(string text)
        => text.ToLowerInvariant().Split('x') is [var x, var y] && int.TryParse(x, out int nx) && int.TryParse(y, out int ny) && nx >= 3 && ny >= 3
            ? (nx, ny) : throw new ArgumentException($"--grid takes global cells as NXxNY with both at least 3, e.g. 255x127; got '{text}'.");
}
