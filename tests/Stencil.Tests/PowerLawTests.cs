using PowerLaw1D;

namespace Stencil.Tests;

/// <summary>The power-law 1D example: its kernels' derivatives, its objective's gradient, and the quick run's recovery of n.</summary>
public sealed class PowerLawTests
{
    [Fact]
    public void The_residual_kernels_pass_the_dot_product_and_Taylor_tests()
    {
        using var backend = Backends.Cpu(1);
        using var c = new PowerLawCase(backend, 24);
        c.H.CopyFromHost(Grid.Random(c.Nx, 3, 0.5, 1.0));
        c.N.CopyFromHost(Grid.Random(c.Nx, 4, 1.0, 3.0));
        c.V.CopyFromHost(Grid.Random(c.Nx, 5, -0.1, 0.1));
        Field<double>[] rate = [c.RV, c.V, c.H, c.N];

        Derivatives.DotProductTest(backend, PowerLaw.RateResidualKernel, rate, [c.Dx]).RelativeError.ShouldBeLessThan(1e-12);
        Derivatives.DotProductTest(backend, PowerLaw.ThicknessResidualKernel, [c.RH, c.V], []).RelativeError.ShouldBeLessThan(1e-12);
        var taylor = Derivatives.TaylorTest(backend, PowerLaw.RateResidualKernel, rate, [c.Dx]);
        taylor.Passed.ShouldBeTrue(taylor.ToString());
    }

    [Fact]
    public void The_forward_solve_reaches_the_exact_steady_state_where_H_to_the_n_plus_1_is_linear()
    {
        // R = 0 makes the second differences of H^(n+1) vanish: with n constant, H = (a + b x)^(1 / (n + 1)) through the fixed ends.
        using var backend = Backends.Cpu(1);
        using var c = new PowerLawCase(backend, 32);
        using var objective = new PowerLawObjective(c, new double[c.Nx]);
        objective.Solve(Enumerable.Repeat(3.0, c.Nx - 2).ToArray());
        objective.LastForward!.Converged.ShouldBeTrue();
        var h0 = c.InitialThickness();
        double first = Math.Pow(h0[0], 4), last = Math.Pow(h0[^1], 4);
        var h = c.H.ToArray();
        for (int i = 0; i < c.Nx; i++)
            h[i].ShouldBe(Math.Pow(first + (last - first) * i / (c.Nx - 1), 0.25), 1e-6, $"H at point {i}");
    }

    [Fact]
    public void The_gradient_of_the_objective_matches_central_differences()
    {
        using var backend = Backends.Cpu(1);
        using var c = new PowerLawCase(backend, 16);
        using var truth = new PowerLawObjective(c, new double[c.Nx]);
        truth.Solve(Enumerable.Repeat(3.0, c.Nx - 2).ToArray());
        var observed = c.H.ToArray();
        using var objective = new PowerLawObjective(c, observed);
        var n = Grid.Random(c.Nx - 2, 6, 1.5, 2.5);
        var g = new double[n.Length];
        objective.CostAndGradient(n, g);
        foreach (int k in new[] { 0, 5, c.Nx - 3 })
        {
            const double h = 1e-5;
            var plus = (double[])n.Clone();
            var minus = (double[])n.Clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (objective.Cost(plus) - objective.Cost(minus)) / (2 * h);
            g[k].ShouldBe(fd, 1e-5 * Math.Abs(fd) + 1e-12, $"dJ/dn at inner point {k}");
        }
    }

    [Fact]
    public void Quick_run_recovers_n_within_1_percent_and_writes_its_outputs()
    {
        string output = Path.Combine(Path.GetTempPath(), $"powerlaw-run-{Guid.NewGuid():N}");
        try
        {
            PowerLawRun.Execute(PowerLaw1D.Options.Parse(["--quick", "--out", output])).ShouldBe(0);
            foreach (var file in new[] { "thickness.png", "exponent.png", "convergence.png", "summary.json" })
                new FileInfo(Path.Combine(output, file)).Length.ShouldBeGreaterThan(100, file);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            var root = summary.RootElement;
            root.GetProperty("nx").GetInt32().ShouldBe(32);
            root.GetProperty("max_relative_error_inner").GetDouble().ShouldBeLessThan(0.01);
            root.GetProperty("unconverged_solves").GetInt32().ShouldBe(0);
            var costs = root.GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToList();
            costs[^1].ShouldBeLessThan(1e-12 * costs[0]);
            var recovered = root.GetProperty("recovered_exponent").EnumerateArray().Select(e => e.GetDouble()).ToList();
            recovered.Count.ShouldBe(32);
            recovered.ShouldAllBe(v => Math.Abs(v - 3) < 0.03);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("--nx 4", "--nx takes a whole number of at least 8; got '4'.")]
    [InlineData("--backend gpu", "Unknown backend 'gpu'; choose one of: cpu, cuda, opencl, ilgpu-cpu.")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.")]
    public void Bad_options_are_refused_with_what_to_do(string args, string message)
        => Should.Throw<ArgumentException>(() => PowerLaw1D.Options.Parse(args.Split(' '))).Message.ShouldStartWith(message);
}
