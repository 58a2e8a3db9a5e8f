using Stencil;

namespace ShallowIce2D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend, string Out, bool Quick, int N, int Iterations, int Threads, bool Help = false)
{
    public const string Usage = """
        ShallowIce2D: invert the mass-balance gradient field beta of a steady shallow-ice ice sheet from its thickness.
        Options:
          --backend cpu|cuda|opencl|ilgpu-cpu   where kernels run (default cpu)
          --n N                                 cells per side (default 128; at least 16); the published case has 320
          --iterations N                        L-BFGS iterations at most (default 20, or 2 with --quick)
          --threads N                           CPU threads (default: all cores)
          --out DIR                             output folder (default out/shallowice2d, or out/shallowice2d-quick with --quick)
          --quick                               2 L-BFGS iterations: about 20 s
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options("cpu", "", false, 128, 0, Environment.ProcessorCount);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--backend" => o with { Backend = KnownBackend(Value()) },
                "--n" => o with { N = Whole("--n", Value(), 16) },
                "--iterations" => o with { Iterations = Whole("--iterations", Value(), 1) },
                "--threads" => o with { Threads = Whole("--threads", Value(), 1) },
                "--out" => o with { Out = Value() is { Length: > 0 } dir ? dir : throw new ArgumentException("--out needs a folder.") },
                "--quick" => o with { Quick = true },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if (o.Iterations == 0) o = o with { Iterations = o.Quick ? 2 : 20 };
        if (o.Out.Length == 0) o = o with { Out = Path.Combine("out", o.Quick ? "shallowice2d-quick" : "shallowice2d") };
        return o;
    }

    private static string KnownBackend(string name)
        => Backends.Names.Contains(name) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Backends.Names)}.");

    private static int Whole(string option, string text, int least)
        => int.TryParse(text, out int value) && value >= least ? value : throw new ArgumentException($"{option} takes a whole number of at least {least}; got '{text}'.");
}
