using Geothermal2D;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>The geothermal inversion on a small grid: gradient by the derived adjoint, and resuming.</summary>
public sealed class GeothermalTests
{
    private static (Case Case, int[] Observed, double[] Data) Synthetic(Backend backend, int ny)
    {
        var c = new Case(backend, ny);
        var observed = c.ObservationCells();
        using var synthetic = new GeothermalObjective(c, observed, new double[observed.Length], c.ForwardOptions, c.ForwardOptions);
        synthetic.Solve(c.TruePermeability().Select(k => Math.Log(k)).ToArray());
        var pf = synthetic.Pressure();
        return (c, observed, observed.Select(cell => pf[cell]).ToArray());
    }

    [Fact]
    public void Gradient_of_J_log_K_matches_central_differences()
    {
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = Synthetic(backend, 15);
        using var _ = c;
        var tight = c.ForwardOptions with { Tolerance = 1e-12, MaxIterations = 1000 * c.Nx, CheckEvery = c.Nx };
        using var objective = new GeothermalObjective(c, observed, data, tight, tight);
        var m = Grid.Random(c.Nx * c.Ny, 8, -0.5, 0.5);
        var g = new double[m.Length];
        objective.CostAndGradient(m, g);

        foreach (int cell in new[] { c.Cell(1.0, 0.5), c.Cell(0.9, 0.6), c.Cell(0.4, 0.45) })
        {
            const double h = 1e-5;
            var plus = (double[])m.Clone();
            var minus = (double[])m.Clone();
            plus[cell] += h;
            minus[cell] -= h;
            double fd = (objective.Cost(plus) - objective.Cost(minus)) / (2 * h);
            g[cell].ShouldBe(fd, 1e-5 * Math.Max(Math.Abs(fd), 1e-6), $"dJ/dlogK at cell {cell}");
        }
    }

    [Fact]
    public void Smoothed_LBFGS_on_the_quick_grid_decreases_J_in_every_iteration()
    {
        // The smoothing as a preconditioner, the true gradient for the line search. With the smoothing
        // applied to the gradient the objective returns (the published recipe, and this example before),
        // L-BFGS's directions stopped descending J: on this grid its line search failed in iteration 6, at J/J0 = 0.245.
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = Synthetic(backend, 31);
        using var _ = c;
        using var objective = new GeothermalObjective(c, observed, data, c.ForwardOptions, c.ForwardOptions);
        using var smoothing = new GradientSmoothing(backend, c.Nx, c.Ny, passes: 50);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = 10, Preconditioner = smoothing });
        var state = lbfgs.Start(objective, new double[c.Nx * c.Ny]);
        lbfgs.Run(objective, state).ShouldBeTrue();
        state.Iteration.ShouldBe(10);
        state.CostHistory.ShouldBeInOrder(SortDirection.Descending);
        state.Cost.ShouldBeLessThan(0.1 * state.CostHistory[0]);
    }

    [Fact]
    public void Gradient_smoothing_is_explicit_diffusion_on_inner_points()
    {
        using var backend = Backends.Cpu(2);
        const int nx = 9, ny = 7, passes = 3;
        using var smoothing = new GradientSmoothing(backend, nx, ny, passes);
        var g = Grid.Random(nx * ny, 4, -1, 1);
        var result = new double[g.Length];
        smoothing.Apply(g, result);

        var a = (double[])g.Clone();
        for (int pass = 0; pass < passes; pass++)
        {
            var b = (double[])a.Clone();
            for (int j = 1; j < ny - 1; j++)
                for (int i = 1; i < nx - 1; i++)
                {
                    int p = i + nx * j;
                    b[p] = a[p] + 0.2 * ((a[p - 1] - 2 * a[p] + a[p + 1]) + (a[p - nx] - 2 * a[p] + a[p + nx]));
                }
            a = b;
        }
        for (int p = 0; p < g.Length; p++) result[p].ShouldBe(a[p], 1e-14, $"point {p}");
    }

    [Fact]
    public void Resumed_inversion_gives_the_same_parameters_as_an_uninterrupted_one()
    {
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = Synthetic(backend, 15);
        using var _ = c;
        using var objective = new GeothermalObjective(c, observed, data, c.ForwardOptions, c.ForwardOptions);
        using var smoothing = new GradientSmoothing(backend, c.Nx, c.Ny, passes: 50);
        string path = Path.Combine(Path.GetTempPath(), $"geothermal-{Guid.NewGuid():N}.state");
        try
        {
            var full = new Lbfgs(new LbfgsOptions { Iterations = 4, Preconditioner = smoothing });
            var uninterrupted = full.Start(objective, new double[c.Nx * c.Ny]);
            full.Run(objective, uninterrupted);

            var crashed = new Lbfgs(new LbfgsOptions { Iterations = 2, Preconditioner = smoothing });
            var first = crashed.Start(objective, new double[c.Nx * c.Ny]);
            crashed.Run(objective, first, s => s.Save(path));
            var resumed = InversionState.Load(path);
            full.Run(objective, resumed);

            resumed.Iteration.ShouldBe(4);
            resumed.Parameters.ShouldBe(uninterrupted.Parameters);
            resumed.CostHistory.ShouldBe(uninterrupted.CostHistory);
            resumed.Cost.ShouldBeLessThan(resumed.CostHistory[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The main job's quick mode end to end: figures, ParaView file and summary with the documented keys.</summary>
public sealed class GeothermalRunTests
{
    [Fact]
    public void Quick_run_writes_the_documented_outputs()
    {
        string output = Path.Combine(Path.GetTempPath(), $"geothermal-run-{Guid.NewGuid():N}");
        try
        {
            int exit = GeothermalRun.Execute(Options.Parse(["--quick", "--out", output]));

            exit.ShouldBe(0);
            foreach (var file in new[] { "log10K_true.png", "log10K_recovered.png", "pressure.png", "flux_magnitude.png", "convergence.png", "fields.vti", "summary.json", "inversion.state" })
                new FileInfo(Path.Combine(output, file)).Length.ShouldBeGreaterThan(100, file);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            var root = summary.RootElement;
            root.GetProperty("case").GetString().ShouldBe("geothermal2d");
            root.GetProperty("backend").GetString().ShouldBe("cpu");
            root.GetProperty("ranks").GetInt32().ShouldBe(1);
            root.GetProperty("grid")[0].GetInt32().ShouldBe(63);
            root.GetProperty("forward").GetProperty("iterations").GetInt32().ShouldBeGreaterThan(0);
            root.GetProperty("forward").GetProperty("residual").GetDouble().ShouldBeLessThan(1e-6);
            root.GetProperty("forward").GetProperty("seconds").GetDouble().ShouldBeGreaterThan(0);
            root.GetProperty("adjoint").GetProperty("iterations").GetInt32().ShouldBeGreaterThan(0);
            root.GetProperty("adjoint").GetProperty("residual").GetDouble().ShouldBeLessThan(1e-6);
            var costs = root.GetProperty("inversion").GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToList();
            costs.Count.ShouldBe(4);
            root.GetProperty("inversion").GetProperty("line_search_failed").GetBoolean().ShouldBeFalse();
            costs[^1].ShouldBeLessThan(costs[0]);
            root.GetProperty("seconds_total").GetDouble().ShouldBeGreaterThan(0);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Unknown_option_is_rejected_with_the_usage()
    {
        Should.Throw<ArgumentException>(() => Options.Parse(["--fast"])).Message.ShouldContain("--quick");
    }
}
