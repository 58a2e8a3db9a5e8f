using Geothermal2D;
using Stencil.Distributed;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>The published case on one process (a global grid of one block).</summary>
internal static class Cases
{
    public static Case Published(Backend backend, int ny)
    {
        var (nx, _) = Case.PublishedGrid(ny);
        return new Case(backend, GlobalGrid.FromGlobalSize(nx, ny));
    }

    /// <summary>Sets K (this block, halo cells included) and the pressure steps that depend on it.</summary>
    public static void SetPermeability(this Case c, double[] k)
    {
        c.K.CopyFromHost(k);
        c.UpdateSteps();
    }

    /// <summary>The flat index of the cell at (x, y) on one process.</summary>
    public static int Cell(this Case c, double x, double y)
    {
        var (i, j) = c.GlobalCell(x, y);
        return i + c.Nx * j;
    }
}

/// <summary>The published case with synthetic data from the true permeability.</summary>
internal static class GeothermalTestData
{
    public static (Case Case, (int I, int J)[] Observed, double[] Data) Synthetic(Backend backend, int ny)
    {
        var c = Cases.Published(backend, ny);
        var observed = c.ObservationCells();
        using var synthetic = c.Objective(observed, null, c.ForwardOptions, c.ForwardOptions);
        synthetic.Solve(c.Local(c.TruePermeability).Select(k => Math.Log(k)).ToArray());
        return (c, observed, synthetic.ObservedValues());
    }
}

/// <summary>The geothermal inversion on a small grid: gradient by the derived adjoint, and resuming.</summary>
public sealed class GeothermalTests
{
    private static (Case Case, (int I, int J)[] Observed, double[] Data) Synthetic(Backend backend, int ny) => GeothermalTestData.Synthetic(backend, ny);

    [Fact]
    public void Gradient_of_J_log_K_matches_central_differences()
    {
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = Synthetic(backend, 15);
        using var _ = c;
        var tight = c.ForwardOptions with { Tolerance = 1e-12, MaxIterations = 1000 * c.Nx, CheckEvery = c.Nx };
        using var objective = c.Objective(observed, data, tight, tight);
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
        using var objective = c.Objective(observed, data, c.ForwardOptions, c.ForwardOptions);
        using var smoothing = new SmoothingPreconditioner<double>(c.K, passes: 50, (result, g) => Darcy.Smooth(backend, result, g), c.Grid);
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
        using var shape = backend.Allocate<double>(nx, ny);
        using var smoothing = new SmoothingPreconditioner<double>(shape, passes, (result, g) => Darcy.Smooth(backend, result, g), GlobalGrid.Init(nx, ny));
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
        using var objective = c.Objective(observed, data, c.ForwardOptions, c.ForwardOptions);
        using var smoothing = new SmoothingPreconditioner<double>(c.K, passes: 50, (result, g) => Darcy.Smooth(backend, result, g), c.Grid);
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

/// <summary>The example's warm starts: fewer forward PT iterations, the same pressure, and resuming bit for bit.</summary>
public sealed class GeothermalWarmStartTests
{
    [Fact]
    public void Warm_started_forward_solve_needs_fewer_iterations_for_the_same_pressure()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 31);
        var observed = c.ObservationCells();
        var m0 = Grid.Random(c.Nx * c.Ny, 5, -0.5, 0.5);
        var m1 = m0.Select((v, i) => v + 0.05 * Math.Sin(0.1 * i)).ToArray();   // a small step, as between L-BFGS iterates

        using var cold = c.Objective(observed, null, c.ForwardOptions, c.ForwardOptions);
        cold.Solve(m1);
        var coldPressure = Pressure();
        int coldIterations = cold.LastForward!.Iterations;

        using var warm = c.Objective(observed, null, c.ForwardOptions, c.ForwardOptions, warmStart: true);
        warm.Solve(m0);
        warm.LastForward!.Iterations.ShouldBeGreaterThan(coldIterations / 2);   // the first solve starts from rest
        warm.Solve(m1);
        warm.LastForward!.Converged.ShouldBeTrue();
        warm.LastForward.Iterations.ShouldBeLessThan(coldIterations * 4 / 5);   // 630 against 882 when written
        var warmPressure = Pressure();
        double scale = coldPressure.Max(Math.Abs);
        for (int i = 0; i < coldPressure.Length; i++) warmPressure[i].ShouldBe(coldPressure[i], 1e-6 * scale, $"Pf at cell {i}");

        // Pf is defined up to a constant (no-flux boundaries): compare it less its mean.
        double[] Pressure()
        {
            var pf = c.Pf.ToArray();
            double mean = pf.Average();
            return pf.Select(v => v - mean).ToArray();
        }
    }

    [Fact]
    public void Warm_started_inversion_resumes_with_a_new_objective_as_if_uninterrupted()
    {
        // Each part has an objective of its own, as a new process would; only the saved state (with its
        // Pf, qx, qy and their adjoints Ψ) connects them. Without them the resumed part's first forward
        // and adjoint solves would start from zero.
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        var observed = c.ObservationCells();
        var data = observed.Select((_, k) => 0.01 * Math.Cos(k)).ToArray();
        SteadyStateObjective Objective() => c.Objective(observed, data, c.ForwardOptions, c.AdjointOptions, warmStart: true);
        using var smoothing = new SmoothingPreconditioner<double>(c.K, passes: 50, (result, g) => Darcy.Smooth(backend, result, g), c.Grid);
        var options = new LbfgsOptions { Iterations = 4, Preconditioner = smoothing };
        string path = Path.Combine(Path.GetTempPath(), $"geothermal-warm-{Guid.NewGuid():N}.state");
        try
        {
            var full = new Lbfgs(options);
            using var whole = Objective();
            var uninterrupted = full.Start(whole, new double[c.Nx * c.Ny]);
            full.Run(whole, uninterrupted);

            var crashed = new Lbfgs(options with { Iterations = 2 });
            using var before = Objective();
            var first = crashed.Start(before, new double[c.Nx * c.Ny]);
            crashed.Run(before, first, s => s.Save(path));
            foreach (var f in new[] { c.Pf, c.Qx, c.Qy }) f.Fill(0);   // what a new process has
            var resumed = InversionState.Load(path);
            resumed.ObjectiveState.Keys.Order(StringComparer.Ordinal).ShouldBe(["Pf", "Psi_Pf", "Psi_qx", "Psi_qy", "qx", "qy"]);
            using var after = Objective();
            full.Run(after, resumed);

            resumed.Iteration.ShouldBe(4);
            resumed.Parameters.ShouldBe(uninterrupted.Parameters);
            resumed.CostHistory.ShouldBe(uninterrupted.CostHistory);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gradient_with_the_default_tolerances_is_within_1e_6_of_the_gradient_at_round_off()
    {
        // The quick grid at K = 1, where the inversion starts. The reference solves run until the
        // residuals stop falling: the forward to 1e-13 (its sources are 1e4), the adjoint to 1e-15
        // of its right-hand side.
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = GeothermalTestData.Synthetic(backend, 31);
        using var _ = c;
        var m = new double[c.Nx * c.Ny];
        double[] Gradient(PseudoTransientOptions forward, PseudoTransientOptions adjoint)
        {
            using var objective = c.Objective(observed, data, forward, adjoint);
            var g = new double[m.Length];
            objective.CostAndGradient(m, g);
            objective.LastForward!.Converged.ShouldBeTrue();
            objective.LastAdjoint!.Converged.ShouldBeTrue();
            return g;
        }
        var reference = Gradient(c.ForwardOptions with { Tolerance = 1e-13, MaxIterations = 1000 * c.Nx },
            c.AdjointOptions with { RelativeTolerance = 1e-15, MaxIterations = 1000 * c.Nx });
        var defaults = Gradient(c.ForwardOptions, c.AdjointOptions);
        double error = Math.Sqrt(defaults.Zip(reference, (a, b) => (a - b) * (a - b)).Sum() / reference.Sum(b => b * b));
        error.ShouldBeLessThan(1e-6);

        // An adjoint stopped at 1e-6 of its right-hand side, the forward's absolute tolerance on this
        // case's scale, gives a gradient outside that bound: the check can fail.
        var loose = Gradient(c.ForwardOptions, c.AdjointOptions with { RelativeTolerance = 1e-6 });
        Math.Sqrt(loose.Zip(reference, (a, b) => (a - b) * (a - b)).Sum() / reference.Sum(b => b * b)).ShouldBeGreaterThan(1e-6);
    }

    [Fact]
    public void A_saved_state_of_another_grid_is_rejected_with_what_to_do()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        using var objective = c.Objective(c.ObservationCells(), null, c.ForwardOptions, c.ForwardOptions, warmStart: true);
        var message = Should.Throw<InvalidDataException>(() => objective.RestoreState(new Dictionary<string, double[]> { ["Pf"] = new double[7], ["qx"] = new double[7], ["qy"] = new double[7] })).Message;
        message.ShouldContain("another case, grid or number of processes");
        message.ShouldContain("start the inversion afresh");
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
            root.GetProperty("adjoint").GetProperty("residual").GetDouble().ShouldBeLessThan(root.GetProperty("adjoint").GetProperty("target").GetDouble());
            root.GetProperty("solves").GetProperty("unconverged").GetInt32().ShouldBe(0);
            var costs = root.GetProperty("inversion").GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToList();
            costs.Count.ShouldBe(4);
            root.GetProperty("inversion").GetProperty("line_search_failed").GetBoolean().ShouldBeFalse();
            root.GetProperty("inversion").GetProperty("warm_start").GetBoolean().ShouldBeTrue();
            root.GetProperty("inversion").GetProperty("adaptive_checks").GetBoolean().ShouldBeTrue();
            // 3 iterations: the start, at least one trial each, and the final solve for the outputs.
            root.GetProperty("solves").GetProperty("forward_solves").GetInt32().ShouldBeGreaterThanOrEqualTo(5);
            // The gradient only at the start and at each accepted step (3 iterations).
            root.GetProperty("solves").GetProperty("adjoint_solves").GetInt32().ShouldBe(4);
            root.GetProperty("solves").GetProperty("forward_iterations").GetInt64().ShouldBeGreaterThanOrEqualTo(root.GetProperty("forward").GetProperty("iterations").GetInt32());
            root.GetProperty("solves").GetProperty("adjoint_iterations").GetInt64().ShouldBeGreaterThanOrEqualTo(root.GetProperty("adjoint").GetProperty("iterations").GetInt32());
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
