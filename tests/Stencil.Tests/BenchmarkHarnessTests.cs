using System.Diagnostics;
using System.Text.Json;

namespace Stencil.Tests;

/// <summary>
/// The T_eff harness (tests/Stencil.Benchmarks) on a non-CPU backend, as it runs on a GPU: on
/// ILGPU's CPU simulator with tiny grids it reports every kernel, forward and adjoint, and each
/// T_eff is the kernel's A_eff divided by its time, and each kernel's results were checked against
/// the native CPU backend's. On the CPU backend it also reports the T_eff
/// of the 3D kernels with their data in cache. With <c>--micro</c> it hands over to BenchmarkDotNet.
/// </summary>
public sealed class BenchmarkHarnessTests
{
    [Fact]
    public void Harness_reports_every_kernel_on_an_ilgpu_backend_with_T_eff_from_A_eff()
    {
        string report = Path.Combine(Path.GetTempPath(), $"stencil-harness-{Guid.NewGuid():N}.json");
        try
        {
            RunHarness("--backend", "ilgpu-cpu", "--n", "12", "--n2d", "20", "--reps", "3", "--json", report);

            using var json = JsonDocument.Parse(File.ReadAllText(report));
            json.RootElement.GetProperty("backend").GetString().ShouldBe("ilgpu-cpu");
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
            rows.Select(r => r.GetProperty("Kernel").GetString()).ShouldBe(
            [
                "heat diffusion 3D", "heat diffusion 3D adjoint",
                "nonlinear diffusion 3D", "nonlinear diffusion 3D adjoint",
                "nonlinear diffusion 3D, MultiplyByReciprocals", "nonlinear diffusion 3D, MultiplyByReciprocals adjoint",
                "nonlinear diffusion 3D, * _dx", "nonlinear diffusion 3D, * _dx adjoint",
                "geothermal fluxes 2D", "geothermal fluxes 2D adjoint",
            ]);
            // A_eff of the heat step: T and Ci read, T2 written (3 arrays); of its adjoint: 4 arrays.
            AssertTeff(rows[0], 3, 12 * 12 * 12);
            AssertTeff(rows[1], 4, 12 * 12 * 12);
            AssertTeff(rows[8], 6, 20 * 20);
            // The in-cache T_eff is measured on the CPU backend only, and so are the performance targets.
            rows.ShouldAllBe(r => r.GetProperty("InCacheOfPeak").ValueKind == JsonValueKind.Null);
            // Each kernel's results, forward and adjoint, were checked against the native CPU backend's.
            foreach (var row in rows)
                row.GetProperty("CpuDeviation").GetDouble().ShouldBeLessThanOrEqualTo(1e-12, row.ToString());
            json.RootElement.GetProperty("targets").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public void Harness_on_the_cpu_reports_the_in_cache_T_eff_of_the_3D_kernels()
    {
        string report = Path.Combine(Path.GetTempPath(), $"stencil-harness-{Guid.NewGuid():N}.json");
        try
        {
            string output = RunHarness("--backend", "cpu", "--threads", "2", "--n", "16", "--n2d", "32", "--reps", "3", "--json", report);
            output.ShouldContain("steady after");   // the copies before the measurements (see Settle)

            using var json = JsonDocument.Parse(File.ReadAllText(report));
            var rows = json.RootElement.GetProperty("rows").EnumerateArray()
                .Where(r => !r.GetProperty("Kernel").GetString()!.Contains("g++")).ToList();
            rows.Count.ShouldBe(10);
            foreach (var row in rows)
            {
                row.GetProperty("CpuDeviation").ValueKind.ShouldBe(JsonValueKind.Null, row.ToString());   // the CPU is the reference
                var inCache = row.GetProperty("InCacheOfPeak");
                if (row.GetProperty("Kernel").GetString()!.Contains("3D"))
                    inCache.GetDouble().ShouldBeGreaterThan(0, row.ToString());
                else
                    inCache.ValueKind.ShouldBe(JsonValueKind.Null, row.ToString());
            }

            // The targets: per forward kernel the copy and (with g++) its baseline, per adjoint its forward.
            var targets = json.RootElement.GetProperty("targets").EnumerateArray().ToList();
            int baselines = json.RootElement.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("Kind").GetString() == "Baseline");
            targets.Count.ShouldBe(5 + 5 + baselines);
            output.ShouldContain($"performance targets in this run: {targets.Count(t => t.GetProperty("Met").GetBoolean())} of {targets.Count} met");
            var heat = targets.First(t => t.GetProperty("Kernel").GetString() == "heat diffusion 3D adjoint");
            heat.GetProperty("Value").GetDouble().ShouldBe(rows[1].GetProperty("AdjointOverForward").GetDouble());
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public void Micro_benchmarks_run_through_BenchmarkDotNet()
    {
        // --list flat: BenchmarkDotNet lists the benchmarks it found, without running them (minutes).
        string output = RunHarness("--micro", "--list", "flat");
        output.ShouldContain("LaunchBenchmarks.ResidualFluxes");
        output.ShouldContain("LaunchBenchmarks.ResidualPressure");
        output.ShouldContain("LaunchBenchmarks.ResidualFluxesAdjoint");
    }

    [Fact]
    public void The_geothermal_forward_solve_is_timed_to_convergence_and_its_options_are_checked()
    {
        string folder = Directory.CreateTempSubdirectory("stencil-forward-").FullName;
        string output = RunHarness("--geothermal-forward", "--grid", "63x31", "--threads", "1", "--out", folder);
        output.ShouldContain("forward on 1 process(es)");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "forward.json")));
        var root = json.RootElement;
        root.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()).ShouldBe([63, 31]);
        root.GetProperty("iterations").GetInt32().ShouldBe(882);   // the quick inversion's synthetic forward solve, to convergence
        root.GetProperty("seconds_per_iteration").GetDouble().ShouldBe(root.GetProperty("seconds").GetDouble() / 882, 1e-12);

        var (exitCode, refused) = StartHarness(new Dictionary<string, string>(), ["--geothermal-forward", "--pt-iterations", "0", "--out", folder]);
        exitCode.ShouldBe(2);
        refused.ShouldStartWith("--pt-iterations takes a positive whole number; got '0'.");
    }

    /// <summary>Runs the harness with these arguments, checks that it succeeded, and returns what it printed.</summary>
    private static string RunHarness(params string[] arguments) => RunHarness(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the harness with these arguments and environment variables, checks that it succeeded, and returns what it printed.</summary>
    internal static string RunHarness(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var (exitCode, output) = StartHarness(environment, arguments);
        exitCode.ShouldBe(0, output);
        return output;
    }

    /// <summary>Runs the harness with these arguments and environment variables and returns its exit code and what it printed.</summary>
    internal static (int ExitCode, string Output) StartHarness(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stencil.Benchmarks.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static void AssertTeff(JsonElement row, int arrays, long points)
    {
        double t = row.GetProperty("TimeMs").GetDouble() / 1e3;
        t.ShouldBeGreaterThan(0);
        row.GetProperty("Teff").GetDouble().ShouldBe(arrays * points * 8 / t / 1e9, 1e-9 * row.GetProperty("Teff").GetDouble());
    }
}
