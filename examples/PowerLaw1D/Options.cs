using Stencil;

namespace PowerLaw1D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend, string Out, bool Quick, int Nx, int Iterations, bool Help = false)
{
    public const string Usage = """
        PowerLaw1D: invert the exponent field n of steady power-law diffusion from the thickness H.
        Options:
          --backend cpu|cuda|opencl|ilgpu-cpu   where kernels run (default cpu)
          --nx N                                grid points (default 128, or 32 with --quick; at least 8)
          --iterations N                        L-BFGS iterations at most (default 15)
          --out DIR                             output folder (default out/powerlaw1d, or out/powerlaw1d-quick with --quick)
          --quick                               32 points: about a second
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options("cpu", "", false, 0, 15);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--backend" => o with { Backend = KnownBackend(Value()) },
                "--nx" => o with { Nx = Whole("--nx", Value(), 8) },
                "--iterations" => o with { Iterations = Whole("--iterations", Value(), 1) },
                "--out" => o with { Out = Value() is { Length: > 0 } dir ? dir : throw new ArgumentException("--out needs a folder.") },
                "--quick" => o with { Quick = true },
                "--help" or "-h" => o with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if (o.Nx == 0) o = o with { Nx = o.Quick ? 32 : 128 };
        if (o.Out.Length == 0) o = o with { Out = Path.Combine("out", o.Quick ? "powerlaw1d-quick" : "powerlaw1d") };
        return o;
    }

    private static string KnownBackend(string name)
        => Backends.Names.Contains(name) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Backends.Names)}.");

    private static int Whole(string option, string text, int least)
        => int.TryParse(text, out int value) && value >= least ? value : throw new ArgumentException($"{option} takes a whole number of at least {least}; got '{text}'.");
}
