using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>The pseudo-transient solver and the derived adjoint solve on problems with known answers.</summary>
[Collection(BackendCollection.Name)]
public sealed class SolverTests(BackendFixture backends)
{
    private const int N = 17;
    private const double Dx = 1.0 / (N - 1);

    private sealed class Setup : IDisposable
    {
        public Setup(Backend backend, double[] k, double stepFactor = 0.45)
        {
            H = backend.Allocate<double>(N);
            R = backend.Allocate<double>(N);
            K = Grid.Upload(backend, k, N - 1);
            F = Grid.Upload(backend, Enumerable.Repeat(1.0, N).ToArray(), N);
            Problem = new SteadyProblem<double>(backend)
                .State("H", H, R, stepFactor * Dx * Dx / k.Max())
                .Residual(Poisson.ResidualKernel, [R, H, K, F], [Dx])
                .Parameter(K);
        }

        public Field<double> H { get; }
        public Field<double> R { get; }
        public Field<double> K { get; }
        public Field<double> F { get; }
        public SteadyProblem<double> Problem { get; }

        public void Dispose()
        {
            foreach (var f in new[] { H, R, K, F }) f.Dispose();
        }
    }

    private static readonly PseudoTransientOptions Tight = new() { Tolerance = 1e-11, MaxIterations = 200_000, CheckEvery = 50 };

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void Converges_to_the_exact_parabola(string backendName)
    {
        var backend = backends.Get(backendName);
        using var s = new Setup(backend, Enumerable.Repeat(1.0, N - 1).ToArray());
        var options = backendName == "cpu" ? Tight : Tight with { Tolerance = 1e-6 };
        var checks = new List<ResidualCheck>();

        var result = PseudoTransientSolver.Solve(s.Problem, options, new InlineProgress(checks.Add));

        result.Converged.ShouldBeTrue(result.ToString());
        checks.ShouldNotBeEmpty();
        checks[^1].Residual.ShouldBe(result.Residual);
        // -H'' = 1, H(0) = H(1) = 0: H = x(1 - x)/2, which second differences reproduce exactly.
        var expected = Enumerable.Range(0, N).Select(i => i * Dx * (1 - i * Dx) / 2).ToArray();
        var h = s.H.ToArray();
        for (int i = 0; i < N; i++) h[i].ShouldBe(expected[i], backendName == "cpu" ? 1e-10 : 1e-5);
    }

    [Fact]
    public void Too_large_a_step_stops_with_an_error_naming_the_field_and_iteration()
    {
        using var s = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray(), stepFactor: 5);
        var e = Should.Throw<SolverDivergedException>(() => PseudoTransientSolver.Solve(s.Problem, Tight with { CheckEvery = 10 }));
        e.Field.ShouldBe("H");
        e.Iteration.ShouldBeGreaterThan(0);
        e.Message.ShouldContain("pseudo-time step", Case.Insensitive);
    }

    [Fact]
    public void NaN_in_the_state_is_reported_at_the_first_check()
    {
        using var s = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray());
        var h = new double[N];
        h[5] = double.NaN;
        s.H.CopyFromHost(h);
        var e = Should.Throw<SolverDivergedException>(() => PseudoTransientSolver.Solve(s.Problem, Tight));
        e.Iteration.ShouldBe(1);
        e.Message.ShouldContain("Residual 'H' became NaN at iteration 1");
    }

    [Fact]
    public void Adaptive_checks_stop_near_the_first_iteration_below_the_tolerance()
    {
        // Where the residual first falls below the tolerance, found by checking every iteration.
        int firstBelow = SolveFromRest(Tight with { CheckEvery = 1 }).Iterations;
        const int every = 400;
        var fixedSchedule = SolveFromRest(Tight with { CheckEvery = every });
        var adaptive = SolveFromRest(Tight with { CheckEvery = every, AdaptiveChecks = true });

        // The fixed schedule checks at 1 and the multiples of CheckEvery, and here runs far past convergence.
        fixedSchedule.History.Select(c => c.Iteration).ShouldBe(Enumerable.Range(0, fixedSchedule.History.Count).Select(i => Math.Max(1, i * every)));
        (fixedSchedule.Iterations - firstBelow).ShouldBeGreaterThan(every / 8, $"first below the tolerance at {firstBelow}");
        // This residual decays geometrically, so the predicted check lands within CheckEvery/8 of it.
        adaptive.Converged.ShouldBeTrue(adaptive.ToString());
        adaptive.Residual.ShouldBeLessThan(Tight.Tolerance);
        adaptive.Iterations.ShouldBeInRange(firstBelow, firstBelow + every / 8);
        // Never later than CheckEvery nor sooner than CheckEvery/8 after the check before.
        GapsAfterTheFirstCheck(adaptive).ShouldAllBe(g => g >= every / 8 && g <= every);
        adaptive.History.Count.ShouldBeLessThanOrEqualTo(fixedSchedule.History.Count + 2);

        SolveResult SolveFromRest(PseudoTransientOptions options)
        {
            using var s = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray());
            var result = PseudoTransientSolver.Solve(s.Problem, options);
            result.Converged.ShouldBeTrue(result.ToString());
            return result;
        }
    }

    [Fact]
    public void Adaptive_checks_keep_their_bounds_where_the_decay_slows_or_the_residual_rises()
    {
        const int every = 400;
        var options = new PseudoTransientOptions { CheckEvery = every, AdaptiveChecks = true, Tolerance = Math.Exp(-8.2) };
        // e^(-i/50) up to iteration 400, then e^(-8 - (i - 400)/2000): at 400 the fast rate predicts the
        // tolerance 10 iterations on, but the residual reaches it at 800.
        var slowing = Scripted(i => i <= every ? Math.Exp(-i / 50.0) : Math.Exp(-8 - (i - every) / 2000.0), options);
        slowing.History.Select(c => c.Iteration).Take(2).ShouldBe([1, every]);
        GapsAfterTheFirstCheck(slowing).ShouldAllBe(g => g >= every / 8);
        slowing.Iterations.ShouldBeInRange(800, 800 + every / 8);

        // A residual that rose between the last two checks predicts nothing: the next multiple of CheckEvery.
        var rising = Scripted(i => i <= every ? 1 + i / 100.0 : 5 * Math.Exp(-(i - every) / 50.0), options);
        rising.History[2].Iteration.ShouldBe(2 * every);

        SolveResult Scripted(Func<int, double> residual, PseudoTransientOptions o)
        {
            using var r = backends.Cpu.Allocate<double>(1);
            int iteration = 0;
            var result = PseudoTransientSolver.Iterate([("r", r)], SingleProcess.Instance, o, null, _ => r.CopyFromHost([residual(++iteration)]));
            result.Converged.ShouldBeTrue(result.ToString());
            return result;
        }
    }

    /// <summary>Iterations between consecutive checks, from the second check on (the first gap is 1 to CheckEvery).</summary>
    private static List<int> GapsAfterTheFirstCheck(SolveResult result) =>
        result.History.Skip(1).Zip(result.History.Skip(2), (a, b) => b.Iteration - a.Iteration).ToList();

    [Fact]
    public void Adjoint_gradient_matches_central_differences_of_the_solved_objective()
    {
        var backend = backends.Cpu;
        var k = Grid.Random(N - 1, 7, 0.5, 1.5);
        var observed = Enumerable.Range(0, N).Select(i => 0.1 * Math.Sin(3 * i * Dx)).ToArray();

        double Objective(double[] kk)
        {
            using var s = new Setup(backend, kk);
            PseudoTransientSolver.Solve(s.Problem, Tight).Converged.ShouldBeTrue();
            return 0.5 * s.H.ToArray().Zip(observed, (a, b) => (a - b) * (a - b)).Sum();
        }

        using var setup = new Setup(backend, k);
        PseudoTransientSolver.Solve(setup.Problem, Tight).Converged.ShouldBeTrue();
        using var dJdH = Grid.Upload(backend, setup.H.ToArray().Zip(observed, (a, b) => a - b).ToArray(), N);
        using var adjoint = new AdjointSolver<double>(setup.Problem);
        var adjointResult = adjoint.Solve([dJdH], [0.45 * Dx * Dx / k.Max()], Tight);
        adjointResult.Converged.ShouldBeTrue(adjointResult.ToString());
        using var gradient = backend.Allocate<double>(N - 1);
        adjoint.Gradient([gradient]);
        var g = gradient.ToArray();

        foreach (int i in new[] { 0, 5, 11, N - 2 })
        {
            const double h = 1e-4;
            var plus = (double[])k.Clone();
            var minus = (double[])k.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (Objective(plus) - Objective(minus)) / (2 * h);
            g[i].ShouldBe(fd, 1e-6 * Math.Max(Math.Abs(fd), 1e-3), $"dJ/dk[{i}]");
        }
    }

    [Fact]
    public void Relative_tolerance_of_an_adjoint_solve_is_relative_to_its_right_hand_side()
    {
        // The adjoint problem is linear in ∂J/∂u: with the right-hand side scaled by 1e6, a relative
        // tolerance stops at the same iteration with Ψ scaled by 1e6, where an absolute one does not.
        var backend = backends.Cpu;
        var k = Grid.Random(N - 1, 7, 0.5, 1.5);
        using var s = new Setup(backend, k);
        PseudoTransientSolver.Solve(s.Problem, Tight).Converged.ShouldBeTrue();
        var g = Enumerable.Range(0, N).Select(i => 0.1 * Math.Sin(3 * i * Dx)).ToArray();
        using var adjoint = new AdjointSolver<double>(s.Problem);
        PseudoStep<double>[] step = [0.45 * Dx * Dx / k.Max()];
        (SolveResult Result, double[] Psi) Solve(double scale, PseudoTransientOptions options)
        {
            using var rhs = Grid.Upload(backend, g.Select(v => scale * v).ToArray(), N);
            var result = adjoint.Solve([rhs], step, options);
            result.Converged.ShouldBeTrue(result.ToString());
            return (result, adjoint.Psi[0].ToArray());
        }
        var relative = Tight with { Tolerance = 0, RelativeTolerance = 1e-9, CheckEvery = 10 };
        var (small, psiSmall) = Solve(1, relative);
        var (large, psiLarge) = Solve(1e6, relative);
        large.Iterations.ShouldBe(small.Iterations);
        small.Target.ShouldBe(1e-9 * g.Max(Math.Abs), 1e-24);
        large.Target.ShouldBe(1e-3 * g.Max(Math.Abs), 1e-18);
        small.Residual.ShouldBeLessThan(small.Target);
        for (int i = 0; i < N; i++) psiLarge[i].ShouldBe(1e6 * psiSmall[i], 1e-9 * Math.Abs(1e6 * psiSmall[i]) + 1e-300);

        var absolute = Tight with { Tolerance = 1e-9 * g.Max(Math.Abs), CheckEvery = 10 };
        Solve(1, absolute).Result.Iterations.ShouldBe(small.Iterations);
        Solve(1e3, absolute).Result.Iterations.ShouldBeGreaterThan(small.Iterations);

        // A zero right-hand side has the solution Ψ = 0, reached at the first check.
        var zero = Solve(0, relative);
        zero.Result.Iterations.ShouldBe(1);
        zero.Psi.ShouldAllBe(v => v == 0);
    }

    [Fact]
    public void Relative_tolerance_of_a_forward_solve_is_relative_to_its_first_residual_and_never_looser_than_the_absolute()
    {
        using var s = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray());
        var result = PseudoTransientSolver.Solve(s.Problem, new PseudoTransientOptions { Tolerance = 0, RelativeTolerance = 1e-6, CheckEvery = 20 });
        result.Converged.ShouldBeTrue(result.ToString());
        result.Target.ShouldBe(1e-6 * result.History[0].Residual);
        result.Residual.ShouldBeLessThan(result.Target);
        result.History[^2].Residual.ShouldBeGreaterThanOrEqualTo(result.Target);

        // Both set: the larger target wins (PETSc's max(atol, rtol |b|)).
        using var again = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray());
        var both = PseudoTransientSolver.Solve(again.Problem, new PseudoTransientOptions { Tolerance = 1e-3, RelativeTolerance = 1e-6, CheckEvery = 20 });
        both.Target.ShouldBe(1e-3);
    }

    [Theory]
    [InlineData(0, 0, "Tolerance and RelativeTolerance are both 0")]
    [InlineData(-1, 0, "Tolerance must be zero or positive; got -1")]
    [InlineData(0, 1, "RelativeTolerance must be at least 0 and below 1; got 1")]
    public void Tolerances_that_cannot_converge_are_refused_before_iterating(double tolerance, double relative, string message)
    {
        using var s = new Setup(backends.Cpu, Enumerable.Repeat(1.0, N - 1).ToArray());
        Should.Throw<ArgumentOutOfRangeException>(() => PseudoTransientSolver.Solve(s.Problem, new PseudoTransientOptions { Tolerance = tolerance, RelativeTolerance = relative }))
            .Message.ShouldContain(message);
    }

    private sealed class InlineProgress(Action<ResidualCheck> report) : IProgress<ResidualCheck>
    {
        public void Report(ResidualCheck value) => report(value);
    }
}
