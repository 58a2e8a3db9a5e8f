using ShallowIce2D;

namespace Stencil.Tests;

/// <summary>
/// The shallow-ice 2D example: its residual against the published scheme written as loops, the
/// derivatives of its non-smooth kernels, its objective's gradient, and the quick run's inversion.
/// </summary>
public sealed class ShallowIceTests
{
    /// <summary>
    /// Iterations of the published script as plain loops (0-based): R and dτ from H, then
    /// dH/dτ ← d dH/dτ + R and H ← max(0, H + dτ dH/dτ) on inner cells.
    /// </summary>
    private static void PublishedIterations(int iterations, int n, double dx, double dy, double[] h, double[] rate, double[] b, double[] ela, double[] beta)
    {
        double cfl = 0.2 * Math.Min(dx, dy) * Math.Min(dx, dy);
        var r = new double[n * n];
        var dtau = new double[n * n];
        for (int it = 0; it < iterations; it++)
        {
            double S(int i, int j) => h[i + n * j] + b[i + n * j];
            double Sx(int i, int j) => (S(i, j) - S(i - 1, j)) / dx;
            double Sy(int i, int j) => (S(i, j) - S(i, j - 1)) / dy;
            double Corner(int i, int j) => 0.25 * (h[i - 1 + n * (j - 1)] + h[i + n * (j - 1)] + h[i - 1 + n * j] + h[i + n * j]);
            double Coefficient(double hc) => 1e-4 * Math.Pow(hc, 5) + Math.Pow(hc, 3);
            for (int j = 1; j < n - 1; j++)
                for (int i = 1; i < n - 1; i++)
                {
                    double sxl = Sx(i, j), sxr = Sx(i + 1, j), syd = Sy(i, j), syu = Sy(i, j + 1);
                    double sxld = 0.5 * (sxl + Sx(i, j - 1)), sxlu = 0.5 * (sxl + Sx(i, j + 1));
                    double sxrd = 0.5 * (sxr + Sx(i + 1, j - 1)), sxru = 0.5 * (sxr + Sx(i + 1, j + 1));
                    double syld = 0.5 * (syd + Sy(i - 1, j)), syrd = 0.5 * (syd + Sy(i + 1, j));
                    double sylu = 0.5 * (syu + Sy(i - 1, j + 1)), syru = 0.5 * (syu + Sy(i + 1, j + 1));
                    double dld = Coefficient(Corner(i, j)) * (sxld * sxld + syld * syld);
                    double dlu = Coefficient(Corner(i, j + 1)) * (sxlu * sxlu + sylu * sylu);
                    double drd = Coefficient(Corner(i + 1, j)) * (sxrd * sxrd + syrd * syrd);
                    double dru = Coefficient(Corner(i + 1, j + 1)) * (sxru * sxru + syru * syru);
                    double divQ = -(0.5 * (drd + dru) * sxr - 0.5 * (dld + dlu) * sxl) / dx - (0.5 * (dlu + dru) * syu - 0.5 * (dld + drd) * syd) / dy;
                    double mb = Math.Min(beta[i + n * j] * (S(i, j) - ela[i + n * j]), 0.01);
                    r[i + n * j] = -divQ + mb;
                    dtau[i + n * j] = 0.5 * Math.Min(1.0, cfl / (1e-2 + 0.25 * (dld + dlu + drd + dru)));
                }
            for (int j = 1; j < n - 1; j++)
                for (int i = 1; i < n - 1; i++)
                {
                    int p = i + n * j;
                    rate[p] = rate[p] * IceCase.Damping + r[p];
                    h[p] = Math.Max(0.0, h[p] + dtau[p] * rate[p]);
                }
        }
    }

    [Fact]
    public void The_solver_with_local_steps_iterates_exactly_as_the_published_script()
    {
        using var backend = Backends.Cpu(2);
        using var c = new IceCase(backend, 40);
        var beta = c.TrueBeta();
        c.Beta.CopyFromHost(beta);
        // 300 iterations from no ice: the ice grows on the hills while the bare cells stay at H = 0.
        var result = PseudoTransientSolver.Solve(c.Problem(), c.ForwardOptions with { MaxIterations = 300, Tolerance = 1e-30 });
        result.Iterations.ShouldBe(300);
        var h = new double[c.N * c.N];
        var rate = new double[c.N * c.N];
        PublishedIterations(300, c.N, c.Dx, c.Dy, h, rate, c.B.ToArray(), c.Ela.ToArray(), beta);
        h.Count(v => v > 0).ShouldBeInRange(50, c.N * c.N / 2);
        var solved = c.H.ToArray();
        var v = c.V.ToArray();
        for (int p = 0; p < h.Length; p++)
        {
            solved[p].ShouldBe(h[p], 1e-11 * (1 + h.Max()), $"H at cell {p}");
            // The solver's rate is the published one times 1 − d.
            v[p].ShouldBe((1 - IceCase.Damping) * rate[p], 1e-11, $"V at cell {p}");
        }
    }

    [Fact]
    public void The_residual_kernels_pass_the_dot_product_test_on_both_branches_of_min_and_max()
    {
        using var backend = Backends.Cpu(1);
        using var c = new IceCase(backend, 20);
        // Ice on some cells and none on others; V of both signs; β (S − ELA) on both sides of the cap 0.01.
        var h = Grid.Random(c.N * c.N, 3, -1.0, 2.0).Select(v => Math.Max(v, 0)).ToArray();
        c.H.CopyFromHost(h);
        c.V.CopyFromHost(Grid.Random(c.N * c.N, 4, -0.5, 0.5));
        c.Ela.CopyFromHost(Grid.Random(c.N * c.N, 5, 0.5, 3.0));
        c.Beta.CopyFromHost(Grid.Random(c.N * c.N, 6, 0.1, 0.3));
        c.T.CopyFromHost(Grid.Random(c.N * c.N, 7, 0.5, 2.0));
        var s = c.B.ToArray().Zip(h, (b, x) => b + x).ToArray();
        var m = c.Beta.ToArray().Select((be, p) => be * (s[p] - c.Ela.ToArray()[p])).ToArray();
        m.Count(v => v > 0.01).ShouldBeGreaterThan(10);
        m.Count(v => v < 0.01).ShouldBeGreaterThan(10);
        h.Count(v => v == 0).ShouldBeGreaterThan(10);

        Field<double>[] rate = [c.RV, c.V, c.H, c.B, c.Ela, c.Beta];
        Derivatives.DotProductTest(backend, ShallowIce.RateResidualKernel, rate, [c.Dx, c.Dy, IceCase.AccumulationCap]).RelativeError.ShouldBeLessThan(1e-12);
        Derivatives.DotProductTest(backend, ShallowIce.ThicknessResidualKernel, [c.RH, c.V, c.H, c.T], []).RelativeError.ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void The_gradient_of_the_objective_matches_central_differences()
    {
        using var backend = Backends.Cpu(2);
        // On coarser grids every ice cell has its accumulation at the cap, where β acts on nothing.
        using var c = new IceCase(backend, 96);
        c.ForwardOptions = c.ForwardOptions with { Tolerance = 1e-12 };
        c.AdjointOptions = c.AdjointOptions with { RelativeTolerance = 1e-10 };
        using var truth = c.Objective(new double[c.N * c.N]);
        truth.Solve(c.TrueBeta());
        var observed = c.H.ToArray();
        using var objective = c.Objective(observed);
        var beta = c.StartBeta();
        var g = new double[beta.Length];
        double cost = objective.CostAndGradient(beta, g);
        cost.ShouldBeGreaterThan(1.0);
        objective.Unconverged.ShouldBe(0);
        // Off the ice β changes nothing: the gradient is 0 there.
        var h = c.H.ToArray();
        for (int p = 0; p < h.Length; p++)
            if (h[p] == 0) g[p].ShouldBe(0.0, $"dJ/dβ at bare cell {p}");
        // Along a smooth direction, against central differences small enough that no cell changes between ice and bare.
        var direction = c.Grid((x, y) => Math.Sin(Math.PI * x / IceCase.Lx) * Math.Cos(Math.PI * y / (2 * IceCase.Ly)));
        double derivative = g.Zip(direction, (a, d) => a * d).Sum();
        const double step = 1e-6;
        double Along(double t) => objective.Cost(beta.Zip(direction, (b, d) => b + t * d).ToArray());
        double fd = (Along(step) - Along(-step)) / (2 * step);
        Math.Abs(derivative).ShouldBeGreaterThan(1.0);
        derivative.ShouldBe(fd, 1e-5 * Math.Abs(fd));
    }

    [Fact]
    public void The_GPU_kernels_give_the_gradient_of_the_CPU_kernels_from_a_problem_built_before_any_step()
    {
        // The adjoint solver is built while T is still 0, where H's residual −max(V, −H/T) would be 0/0:
        // the unknowns must come from a sweep with its steps computed. ILGPU's simulator runs the GPU kernels.
        double[] Gradient(Backend backend)
        {
            using var c = new IceCase(backend, 24);
            var observed = new double[c.N * c.N];
            using var objective = c.Objective(observed);
            // A small β keeps the accumulation below its cap, where β acts.
            var beta = Enumerable.Repeat(0.005, observed.Length).ToArray();
            var g = new double[observed.Length];
            objective.CostAndGradient(beta, g);
            objective.Unconverged.ShouldBe(0);
            return g;
        }
        using var cpu = Backends.Cpu(2);
        using var simulator = Backends.IlgpuCpu();
        var expected = Gradient(cpu);
        var actual = Gradient(simulator);
        double scale = expected.Max(Math.Abs);
        scale.ShouldBeGreaterThan(0);
        for (int p = 0; p < expected.Length; p++) actual[p].ShouldBe(expected[p], 1e-9 * scale, $"dJ/dβ at cell {p}");
    }

    [Fact]
    public void A_steps_kernel_that_writes_anything_but_a_step_field_is_refused()
    {
        using var backend = Backends.Cpu(1);
        using var c = new IceCase(backend, 16);
        var problem = new SteadyProblem<double>(backend).State("H", c.H, c.RH, c.T);
        var error = Should.Throw<ArgumentException>(() => problem.Steps(ShallowIce.ThicknessStepKernel, [c.RV, c.H, c.B], [c.Dx, c.Dy, 0.1, 0.5]));
        error.Message.ShouldContain("ShallowIce.ThicknessStep writes 'T', which is not the local step field of a declared state");
    }

    [Fact]
    public void Quick_run_reduces_the_misfit_and_writes_its_outputs()
    {
        string output = Path.Combine(Path.GetTempPath(), $"shallowice-run-{Guid.NewGuid():N}");
        try
        {
            IceRun.Execute(ShallowIce2D.Options.Parse(["--quick", "--out", output, "--threads", "2"])).ShouldBe(0);
            foreach (var file in new[] { "thickness_observed.png", "thickness_start.png", "thickness_recovered.png", "thickness_misfit.png", "beta_true.png", "beta_recovered.png", "convergence.png", "summary.json" })
                new FileInfo(Path.Combine(output, file)).Length.ShouldBeGreaterThan(100, file);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            var root = summary.RootElement;
            root.GetProperty("n").GetInt32().ShouldBe(128);
            root.GetProperty("unconverged_solves").GetInt32().ShouldBe(0);
            root.GetProperty("misfit_reduction").GetDouble().ShouldBeLessThan(0.2);
            // Where β acts (ice below the accumulation cap) the recovery must have moved towards the truth.
            root.GetProperty("beta_acts_cells").GetInt32().ShouldBeGreaterThan(0);
            root.GetProperty("max_relative_beta_error_where_beta_acts").GetDouble().ShouldBeLessThan(root.GetProperty("start_max_relative_beta_error_where_beta_acts").GetDouble());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
