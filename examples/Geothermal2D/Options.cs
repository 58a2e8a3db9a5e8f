namespace Geothermal2D;

/// <summary>Command line of the example.</summary>
public sealed record Options(string Backend, string Out, bool Quick, int Iterations, bool CheckGradient, bool Resume, bool Scaling = false, bool ColdStart = false, bool FixedChecks = false)
{
    public const string Usage = """
        Geothermal2D: invert permeability from sparse pressure (REFERENCE.md §4.1).
        Options:
          --backend cpu|cuda|opencl|ilgpu-cpu   where kernels run (default cpu)
          --out DIR                             output folder (default out/geothermal2d)
          --quick                               small grid (63 x 31), 3 iterations: seconds
          --iterations N                        L-BFGS iterations (default 20, or 3 with --quick)
          --resume                              continue from DIR/inversion.state if present
          --cold-start                          start every forward solve from rest (default: from the last solution)
          --fixed-checks                        check the inversion's PT residuals every 2 nx iterations (default: sooner where convergence is predicted)
          --check-gradient                      Taylor test of J(log K) instead of the inversion
          --scaling                             forward PT iterations / nx for nx = 63, 127, 255, 511
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options("cpu", Path.Combine("out", "geothermal2d"), false, -1, false, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--backend" => o with { Backend = Value() },
                "--out" => o with { Out = Value() },
                "--quick" => o with { Quick = true },
                "--iterations" => o with { Iterations = int.Parse(Value()) },
                "--resume" => o with { Resume = true },
                "--check-gradient" => o with { CheckGradient = true },
                "--scaling" => o with { Scaling = true },
                "--cold-start" => o with { ColdStart = true },
                "--fixed-checks" => o with { FixedChecks = true },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if (o.Iterations < 0) o = o with { Iterations = o.Quick ? 3 : 20 };
        return o;
    }
}
