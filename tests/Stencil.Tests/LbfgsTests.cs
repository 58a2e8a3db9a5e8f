namespace Stencil.Tests;

/// <summary>L-BFGS on the Rosenbrock function (minimum at (1, 1)), and resuming from a saved state.</summary>
public sealed class LbfgsTests
{
    private sealed class Rosenbrock : IObjective
    {
        public int Evaluations { get; private set; }

        public double Cost(double[] m) => Value(m);

        public double CostAndGradient(double[] m, double[] g)
        {
            Evaluations++;
            double x = m[0], y = m[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return Value(m);
        }

        private static double Value(double[] m) => (1 - m[0]) * (1 - m[0]) + 100 * (m[1] - m[0] * m[0]) * (m[1] - m[0] * m[0]);
    }

    [Fact]
    public void Finds_the_minimum_of_Rosenbrock()
    {
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = 100, FirstStep = 0.1 });
        var state = lbfgs.Start(new Rosenbrock(), [-1.2, 1.0]);
        lbfgs.Run(new Rosenbrock(), state);
        state.Parameters[0].ShouldBe(1.0, 1e-6);
        state.Parameters[1].ShouldBe(1.0, 1e-6);
        state.CostHistory.ShouldBeInOrder(SortDirection.Descending);
    }

    /// <summary>Rosenbrock whose gradient follows its cost: it counts both, and refuses a gradient at any other point than the last cost's.</summary>
    private sealed class RosenbrockAfterCost : IGradientAfterCost
    {
        private readonly Rosenbrock _inner = new();
        private double[]? _last;
        public int Costs { get; private set; }
        public int Gradients { get; private set; }

        public double Cost(double[] m)
        {
            Costs++;
            _last = (double[])m.Clone();
            return _inner.Cost(m);
        }

        public double CostAndGradient(double[] m, double[] g)
        {
            double cost = Cost(m);
            GradientAtLastCost(g);
            return cost;
        }

        public void GradientAtLastCost(double[] g)
        {
            Gradients++;
            _inner.CostAndGradient(_last ?? throw new InvalidOperationException("no cost yet"), g);
        }
    }

    [Fact]
    public void An_objective_with_its_gradient_after_its_cost_takes_the_same_steps_with_one_gradient_per_iteration()
    {
        var options = new LbfgsOptions { Iterations = 30, FirstStep = 0.1 };
        var plain = new Rosenbrock();
        var reference = new Lbfgs(options).Start(plain, [-1.2, 1.0]);
        new Lbfgs(options).Run(plain, reference);

        var deferred = new RosenbrockAfterCost();
        var state = new Lbfgs(options).Start(deferred, [-1.2, 1.0]);
        new Lbfgs(options).Run(deferred, state);

        state.CostHistory.ShouldBe(reference.CostHistory);
        state.Parameters.ShouldBe(reference.Parameters);
        deferred.Gradients.ShouldBe(state.Iteration + 1);   // the start and each accepted step
        // The plain objective paid a gradient for every trial, rejected ones included.
        plain.Evaluations.ShouldBe(deferred.Costs);
        deferred.Costs.ShouldBeGreaterThan(deferred.Gradients);
    }

    /// <summary>Rosenbrock with its gradient's sign flipped: every direction L-BFGS takes climbs J.</summary>
    private sealed class WrongGradient : IObjective
    {
        public double Cost(double[] m) => new Rosenbrock().Cost(m);

        public double CostAndGradient(double[] m, double[] g)
        {
            double cost = new Rosenbrock().CostAndGradient(m, g);
            for (int i = 0; i < g.Length; i++) g[i] = -g[i];
            return cost;
        }
    }

    [Fact]
    public void A_failed_line_search_is_reported_and_keeps_the_last_accepted_state()
    {
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = 5, FirstStep = 0.1, MaxBacktracks = 4 });
        var state = lbfgs.Start(new WrongGradient(), [-1.2, 1.0]);
        double cost = state.Cost;
        lbfgs.Run(new WrongGradient(), state).ShouldBeFalse();
        state.Iteration.ShouldBe(0);
        state.Parameters.ShouldBe([-1.2, 1.0]);
        state.Cost.ShouldBe(cost);
    }

    [Fact]
    public void Resumed_run_reaches_the_same_parameters_as_an_uninterrupted_one()
    {
        string path = Path.Combine(Path.GetTempPath(), $"stencil-lbfgs-{Guid.NewGuid():N}.state");
        try
        {
            var full = new Lbfgs(new LbfgsOptions { Iterations = 12, FirstStep = 0.1 });
            var uninterrupted = full.Start(new Rosenbrock(), [-1.2, 1.0]);
            full.Run(new Rosenbrock(), uninterrupted);

            var first = new Lbfgs(new LbfgsOptions { Iterations = 5, FirstStep = 0.1 });
            var interrupted = first.Start(new Rosenbrock(), [-1.2, 1.0]);
            first.Run(new Rosenbrock(), interrupted, s => s.Save(path));
            var resumed = InversionState.Load(path);
            resumed.Iteration.ShouldBe(5);
            full.Run(new Rosenbrock(), resumed);

            resumed.Parameters.ShouldBe(uninterrupted.Parameters);
            resumed.CostHistory.ShouldBe(uninterrupted.CostHistory);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Rosenbrock evaluated as by an iterative solver with a warm start: each cost carries an error that
    /// depends on the point evaluated before (1e-9 |m - m_before|), as a PT solve stopped at its
    /// tolerance does. Its state is that point.
    /// </summary>
    private sealed class WarmStarted : IStatefulObjective
    {
        private double[]? _before;

        public double Cost(double[] m) => CostAndGradient(m, new double[m.Length]);

        public double CostAndGradient(double[] m, double[] g)
        {
            double cost = new Rosenbrock().CostAndGradient(m, g);
            if (_before is not null) cost += 1e-9 * Math.Sqrt(m.Zip(_before, (a, b) => (a - b) * (a - b)).Sum());
            _before = (double[])m.Clone();
            return cost;
        }

        public IReadOnlyDictionary<string, double[]> SaveState() =>
            _before is null ? new Dictionary<string, double[]>() : new Dictionary<string, double[]> { ["before"] = (double[])_before.Clone() };

        public void RestoreState(IReadOnlyDictionary<string, double[]> state) => _before = (double[])state["before"].Clone();
    }

    [Fact]
    public void A_stateful_objective_resumes_in_a_new_process_as_if_uninterrupted()
    {
        // Each part runs with an objective of its own, as a new process would: only the saved state connects them.
        string path = Path.Combine(Path.GetTempPath(), $"stencil-lbfgs-{Guid.NewGuid():N}.state");
        try
        {
            var full = new Lbfgs(new LbfgsOptions { Iterations = 12, FirstStep = 0.1 });
            var uninterrupted = full.Start(new WarmStarted(), [-1.2, 1.0]);
            full.Run(new WarmStarted(), uninterrupted);

            var first = new Lbfgs(new LbfgsOptions { Iterations = 5, FirstStep = 0.1 });
            var interrupted = first.Start(new WarmStarted(), [-1.2, 1.0]);
            first.Run(new WarmStarted(), interrupted, s => s.Save(path));
            var resumed = InversionState.Load(path);
            resumed.ObjectiveState["before"].ShouldBe(resumed.Parameters);   // the accepted point was the last evaluated
            full.Run(new WarmStarted(), resumed);

            resumed.Parameters.ShouldBe(uninterrupted.Parameters);
            resumed.CostHistory.ShouldBe(uninterrupted.CostHistory);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gradient_descent_resumes_a_stateful_objective_as_if_uninterrupted()
    {
        string path = Path.Combine(Path.GetTempPath(), $"stencil-gd-{Guid.NewGuid():N}.state");
        try
        {
            var uninterrupted = new GradientDescent(8, 0.01).Start(new WarmStarted(), [-1.2, 1.0]);
            new GradientDescent(8, 0.01).Run(new WarmStarted(), uninterrupted);

            var interrupted = new GradientDescent(3, 0.01).Start(new WarmStarted(), [-1.2, 1.0]);
            new GradientDescent(3, 0.01).Run(new WarmStarted(), interrupted, s => s.Save(path));
            var resumed = InversionState.Load(path);
            new GradientDescent(8, 0.01).Run(new WarmStarted(), resumed);

            resumed.CostHistory.ShouldBe(uninterrupted.CostHistory);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_state_saved_before_objective_states_loads_with_none()
    {
        // The previous format (v1): no objective state after the cost history.
        string path = Path.Combine(Path.GetTempPath(), $"stencil-v1-{Guid.NewGuid():N}.state");
        try
        {
            using (var writer = new BinaryWriter(File.Create(path)))
            {
                writer.Write("stencil-inversion-state-v1");
                writer.Write(3);
                writer.Write(0.25);
                foreach (var values in new[] { new[] { 1.0, 2.0 }, new[] { -0.5, 0.5 } })
                {
                    writer.Write(values.Length);
                    foreach (var v in values) writer.Write(v);
                }
                writer.Write(0);
                writer.Write(2);
                writer.Write(1.0);
                writer.Write(0.25);
            }
            var state = InversionState.Load(path);
            state.Iteration.ShouldBe(3);
            state.Parameters.ShouldBe([1.0, 2.0]);
            state.Gradient.ShouldBe([-0.5, 0.5]);
            state.CostHistory.ShouldBe([1.0, 0.25]);
            state.ObjectiveState.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_a_file_that_is_not_a_state_says_so()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "hello");
            Should.Throw<InvalidDataException>(() => InversionState.Load(path)).Message.ShouldContain(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_state_cut_short_or_with_a_damaged_count_is_refused_naming_the_file()
    {
        string path = Path.GetTempFileName();
        try
        {
            var state = new InversionState { Iteration = 3, Parameters = [1, 2, 3], Gradient = [4, 5, 6], CostHistory = [7, 8] };
            state.Save(path);
            var bytes = File.ReadAllBytes(path);
            InversionState.Load(path).Parameters.ShouldBe([1, 2, 3]);

            File.WriteAllBytes(path, bytes[..^5]);   // cut short
            Should.Throw<InvalidDataException>(() => InversionState.Load(path)).Message.ShouldContain("is damaged");
            File.WriteAllBytes(path, bytes[..20]);   // cut inside the header
            Should.Throw<InvalidDataException>(() => InversionState.Load(path)).Message.ShouldContain("start without --resume");

            // The parameter count (after the version string, the empty label, the iteration and the cost) made huge: refused, not allocated.
            int countAt = 1 + "stencil-inversion-state-v3".Length + 1 + 4 + 8;
            BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, countAt);
            File.WriteAllBytes(path, bytes);
            Should.Throw<InvalidDataException>(() => InversionState.Load(path)).Message.ShouldContain("start without --resume");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Plain gradient descent decreases a convex quadratic and moves against the gradient.</summary>
public sealed class GradientDescentTests
{
    private sealed class Bowl : IObjective
    {
        public double Cost(double[] m) => m.Select((v, i) => (i + 1) * v * v).Sum();

        public double CostAndGradient(double[] m, double[] g)
        {
            for (int i = 0; i < m.Length; i++) g[i] = 2 * (i + 1) * m[i];
            return Cost(m);
        }
    }

    [Fact]
    public void Normalised_steps_decrease_the_cost()
    {
        var gd = new GradientDescent(iterations: 30, step: 0.05);
        var state = gd.Start(new Bowl(), [1.0, -1.0, 0.5]);
        double first = state.Cost;
        gd.Run(new Bowl(), state);
        state.Iteration.ShouldBe(30);
        state.Cost.ShouldBeLessThan(0.05 * first);
    }
}
