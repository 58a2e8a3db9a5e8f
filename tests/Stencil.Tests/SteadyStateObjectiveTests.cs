using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// The library-built objective on the published geothermal case (one process): its cost against the
/// solved state read by hand, its two scales, repeated observations, what it saves, and its refusals.
/// The gradient against central differences is checked through the examples that build it.
/// </summary>
public sealed class SteadyStateObjectiveTests
{
    private static readonly (int I, int J)[] Observed = [(3, 4), (10, 7), (20, 9), (27, 2)];

    private static int[] Cells(Case c) => Observed.Select(o => o.I + c.Nx * o.J).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_cost_is_half_the_squared_misfit_of_the_solved_state(bool removeMean)
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        var data = new[] { 0.1, -0.2, 0.3, 0.05 };
        using var objective = new SteadyStateObjective(c.Problem(), c.K, c.Pf, Cells(c))
        {
            Data = data, RemoveMean = removeMean, Forward = c.ForwardOptions, ParameterChanged = c.UpdateSteps,
        };
        var m = Grid.Random(objective.Parameters, 3, 0.5, 2);
        double cost = objective.Cost(m);
        objective.LastForward!.Converged.ShouldBeTrue();
        c.K.ToArray().ShouldBe(m);   // linear scale: p = m
        var pf = c.Pf.ToArray();
        double mean = removeMean ? pf.Average() : 0;
        double expected = 0.5 * Cells(c).Select((cell, k) => Math.Pow(pf[cell] - mean - data[k], 2)).Sum();
        cost.ShouldBe(expected, 1e-12 * expected);
        objective.ObservedValues().ShouldBe(Cells(c).Select(cell => pf[cell] - mean).ToArray(), 1e-15 * pf.Max(Math.Abs));
    }

    [Fact]
    public void A_repeated_observation_counts_once_per_datum()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        int cell = Cells(c)[1];
        using var objective = new SteadyStateObjective(c.Problem(), c.K, c.Pf, [cell, cell]) { Data = [0.5, -0.5], ParameterChanged = c.UpdateSteps, Forward = c.ForwardOptions };
        double cost = objective.Cost(Enumerable.Repeat(1.0, objective.Parameters).ToArray());
        double u = c.Pf.ToArray()[cell];
        cost.ShouldBe(0.5 * ((u - 0.5) * (u - 0.5) + (u + 0.5) * (u + 0.5)), 1e-12);
    }

    [Fact]
    public void The_log_scale_gradient_is_the_linear_one_times_the_parameter()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        var data = new[] { 0.1, -0.2, 0.3, 0.05 };
        var logK = Grid.Random(c.Nx * c.Ny, 4, -0.5, 0.5);
        var k = logK.Select(Math.Exp).ToArray();
        double[] Gradient(ParameterScale scale, double[] m, out double cost)
        {
            using var objective = new SteadyStateObjective(c.Problem(), c.K, c.Pf, Cells(c))
            {
                Data = data, Scale = scale, RemoveMean = true, ParameterChanged = c.UpdateSteps,
                Forward = c.ForwardOptions with { Tolerance = 1e-12 }, Adjoint = c.AdjointOptions,
            };
            var g = new double[m.Length];
            cost = objective.CostAndGradient(m, g);
            objective.Unconverged.ShouldBe(0);
            return g;
        }
        var linear = Gradient(ParameterScale.Linear, k, out double linearCost);
        var log = Gradient(ParameterScale.Log, logK, out double logCost);
        logCost.ShouldBe(linearCost);
        double scale = log.Max(Math.Abs);
        scale.ShouldBeGreaterThan(0);
        for (int i = 0; i < k.Length; i++) log[i].ShouldBe(linear[i] * k[i], 1e-12 * scale, $"dJ/dlogK at cell {i}");
    }

    [Fact]
    public void A_warm_started_objective_saves_its_states_and_adjoints_and_a_cold_one_nothing()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        SteadyStateObjective Make(SolveStart start) => new(c.Problem(), c.K, c.Pf, Cells(c))
        {
            Scale = ParameterScale.Log, RemoveMean = true, ParameterChanged = c.UpdateSteps,
            Forward = c.ForwardOptions, Adjoint = c.AdjointOptions, ForwardStart = start, AdjointStart = start,
        };
        var m = new double[c.Nx * c.Ny];
        using var warm = Make(SolveStart.LastSolution);
        warm.SaveState().ShouldBeEmpty();
        warm.CostAndGradient(m, new double[m.Length]);
        var saved = warm.SaveState();
        saved.Keys.Order(StringComparer.Ordinal).ShouldBe(["Pf", "Psi_Pf", "Psi_qx", "Psi_qy", "qx", "qy"]);
        saved["Pf"].ShouldBe(c.Pf.ToArray());
        using var cold = Make(SolveStart.Rest);
        cold.CostAndGradient(m, new double[m.Length]);
        cold.SaveState().ShouldBeEmpty();
    }

    [Fact]
    public void Mistakes_are_refused_with_what_to_do()
    {
        using var backend = Backends.Cpu(1);
        using var c = Cases.Published(backend, 15);
        Should.Throw<ArgumentException>(() => new SteadyStateObjective(c.Problem(), c.Qf, c.Pf, [0]))
            .Message.ShouldContain("declare it with SteadyProblem.Parameter(field)");
        Should.Throw<ArgumentException>(() => new SteadyStateObjective(c.Problem(), c.K, c.RPf, [0]))
            .Message.ShouldContain("is not a state of the problem, whose states are qx, qy, Pf");
        Should.Throw<ArgumentOutOfRangeException>(() => new SteadyStateObjective(c.Problem(), c.K, c.Pf, [0, c.Nx * c.Ny]))
            .Message.ShouldContain($"Observation 1 is at cell {c.Nx * c.Ny}");
        using var objective = new SteadyStateObjective(c.Problem(), c.K, c.Pf, [0, 1]);
        Should.Throw<ArgumentException>(() => objective.Data = [1.0]).Message.ShouldContain("2 observations but 1 data values");
        Should.Throw<InvalidOperationException>(() => objective.GradientAtLastCost(new double[objective.Parameters])).Message.ShouldContain("call Cost first");
        Should.Throw<ArgumentException>(() => objective.Cost(new double[3])).Message.ShouldContain($"owns {c.Nx * c.Ny} points of the parameter field; m has 3 entries");
    }
}
