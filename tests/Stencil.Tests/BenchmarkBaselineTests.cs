using System.Diagnostics;
using System.Globalization;
using Stencil.Benchmarks;

namespace Stencil.Tests;

/// <summary>
/// The hand-written C++ baselines of the T_eff harness (tests/Stencil.Benchmarks/cpp) compute the
/// same stencils as the generated kernels they are compared with: built with the harness's g++
/// flags, their <c>check</c> mode launches once and prints a weighted sum of the result, which must
/// match the generated kernel's on the same input. A baseline that computed less (a missing face, a
/// wrong neighbour) would make the speed comparison meaningless.
/// </summary>
public sealed class BenchmarkBaselineTests
{
    private const int N = 20;

    [Fact]
    public void Heat_diffusion_baseline_computes_the_generated_step()
    {
        using var backend = Backends.Cpu(2);
        using var T = Filled(backend, i => i % 7 * 0.1);
        using var T2 = Filled(backend, _ => 1.0);
        using var Ci = Filled(backend, _ => 1.0);
        Harness.HeatDiffusion3D(backend, T2, T, Ci, 1, 1e-4, 0.1, 0.1, 0.1);

        AssertSameWeightedSum(Run("heat3d", "check"), T2.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("divided")]
    public void Nonlinear_diffusion_baseline_computes_the_generated_residual(string mode)
    {
        using var backend = Backends.Cpu(2);
        using var H = Filled(backend, i => 0.5 + i % 7 * 0.1);
        using var R = Filled(backend, _ => 0.0);
        if (mode == "divided")
            Stencil.Benchmarks.Kernels.NonlinearDiffusion3D(backend, R, H, 0.1, 0.1, 0.1);
        else
            Stencil.Benchmarks.Kernels.NonlinearDiffusion3DInverse(backend, R, H, 10, 10, 10);

        AssertSameWeightedSum(Run("nonlinear3d", "check", mode), R.ToArray());
    }

    private static Field<double> Filled(Backend backend, Func<long, double> value)
    {
        var field = backend.Allocate<double>(N, N, N);
        var host = new double[field.Length];
        for (long i = 0; i < host.Length; i++) host[i] = value(i);
        field.CopyFromHost(host);
        return field;
    }

    // The baselines print sum(result[i] * (i % 11 + 1)); the weights tell the points apart, so that
    // values moved to the wrong point do not cancel. The programs round differently (the C++ heat
    // step multiplies by 1 / dx^2 where the kernel divides by dx^2), hence the tolerance.
    private static void AssertSameWeightedSum(double cpp, double[] result)
    {
        double sum = 0, scale = 0;
        for (long i = 0; i < result.Length; i++)
        {
            sum += result[i] * (i % 11 + 1);
            scale += Math.Abs(result[i]) * (i % 11 + 1);
        }
        scale.ShouldBeGreaterThan(0);
        Math.Abs(cpp - sum).ShouldBeLessThan(1e-12 * scale, $"C++ {cpp:R}, generated kernel {sum:R}");
    }

    // Compiles cpp/{program}.cpp with the harness's flags into a fresh directory and runs it on the
    // N^3 grid with these arguments; its printed number.
    private static double Run(string program, params string[] arguments)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "cpp", program + ".cpp");
        string directory = Directory.CreateTempSubdirectory("stencil-baseline-").FullName;
        try
        {
            string binary = Path.Combine(directory, program);
            Execute("g++", ["-O3", "-march=native", "-fopenmp", "-o", binary, source]);
            string output = Execute(binary, [N.ToString(CultureInfo.InvariantCulture), .. arguments.Where(a => a.Length > 0)]);
            return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Execute(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "2";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{file} failed: {error}");
        return output;
    }
}
