using Stencil;

namespace Geothermal3D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend, string Out, bool Quick, int Iterations, (int Nx, int Ny, int Nz)? Grid, int? Threads, bool Help = false)
{
    public const string Usage = """
        Geothermal3D: invert the permeability of a 3D box from pressure observed in boreholes (steady Darcy flow).
        Runs on one process, or on N under mpiexec -n N (the global grid split into N blocks).
        Options:
          --backend cpu|cuda|opencl|ilgpu-cpu   where kernels run (default cpu; under MPI each process takes the GPU of its node-local rank)
          --grid NXxNYxNZ                       global cells (default 127x63x63; with --quick 31x15x15); under MPI a grid the processes split evenly
          --threads N                           CPU threads per process (default: the node's cores shared among its processes)
          --iterations N                        L-BFGS iterations (default 20, or 10 with --quick)
          --out DIR                             output folder (default out/geothermal3d, or out/geothermal3d-quick with --quick)
          --quick                               31 x 15 x 15 cells, 10 iterations: seconds
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options("cpu", "", false, 0, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--backend" => o with { Backend = KnownBackend(Value()) },
                "--grid" => o with { Grid = ParseGrid(Value()) },
                "--threads" => o with { Threads = Whole("--threads", Value(), 1) },
                "--iterations" => o with { Iterations = Whole("--iterations", Value(), 1) },
                "--out" => o with { Out = Value() is { Length: > 0 } dir ? dir : throw new ArgumentException("--out needs a folder.") },
                "--quick" => o with { Quick = true },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if (o.Iterations == 0) o = o with { Iterations = o.Quick ? 10 : 20 };
        if (o.Out.Length == 0) o = o with { Out = Path.Combine("out", o.Quick ? "geothermal3d-quick" : "geothermal3d") };
        return o;
    }

    private static (int, int, int) ParseGrid(string text)
    {
        var n = text.Split('x').Select(part => int.TryParse(part, out int cells) && cells >= 8 ? cells : 0).ToArray();
        if (n.Length == 3 && n.All(cells => cells > 0))
            return (n[0], n[1], n[2]);
        throw new ArgumentException($"--grid takes NXxNYxNZ with each at least 8, e.g. 127x63x63; got '{text}'.");
    }

    private static string KnownBackend(string name)
        => Backends.Names.Contains(name) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Backends.Names)}.");

    private static int Whole(string option, string text, int least)
        => int.TryParse(text, out int value) && value >= least ? value : throw new ArgumentException($"{option} takes a whole number of at least {least}; got '{text}'.");
}
