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
        using var synthetic = new GeothermalObjective(c, observed, new double[observed.Length], 0, c.ForwardOptions, c.ForwardOptions);
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
        using var objective = new GeothermalObjective(c, observed, data, smoothingPasses: 0, tight, tight);
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
    public void Resumed_inversion_gives_the_same_parameters_as_an_uninterrupted_one()
    {
        using var backend = Backends.Cpu(2);
        var (c, observed, data) = Synthetic(backend, 15);
        using var _ = c;
        using var objective = new GeothermalObjective(c, observed, data, 50, c.ForwardOptions, c.ForwardOptions);
        string path = Path.Combine(Path.GetTempPath(), $"geothermal-{Guid.NewGuid():N}.state");
        try
        {
            var full = new Lbfgs(new LbfgsOptions { Iterations = 4 });
            var uninterrupted = full.Start(objective, new double[c.Nx * c.Ny]);
            full.Run(objective, uninterrupted);

            var crashed = new Lbfgs(new LbfgsOptions { Iterations = 2 });
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
