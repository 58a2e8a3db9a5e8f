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

    [Fact]
    public void Loading_a_file_that_is_not_a_state_says_so()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "hello");
            Should.Throw<Exception>(() => InversionState.Load(path)).Message.ShouldNotBeNullOrEmpty();
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
