using Stencil;
using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>
/// The published case (permeability from sparse pressure observations) on this process's block of
/// a global grid of cells: geometry, wells, barrier and PT parameters for any resolution. Every
/// input is a function of global cell indices, so each block sets its own part, halo cells included.
/// </summary>
public sealed class Case : IDisposable
{
    public const double Lx = 2, Ly = 1;
    public static double Cfl => PseudoTransientParameters.Cfl(2);
    public static double Re => 0.8 * Math.PI;

    /// <summary>The boundary slabs (cells along x, y) computed before a hidden halo exchange, as in the reference multi-GPU run.</summary>
    public static readonly int[] BoundaryWidths = [16, 8];

    public readonly Backend Backend;
    public readonly GlobalGrid Grid;
    /// <summary>This block's cells (halo included), the global grid's cells, and the spacing.</summary>
    public readonly int Nx, Ny, NxGlobal, NyGlobal;
    public readonly double Dx, Dy;
    public readonly Field<double> Pf, Qx, Qy, RPf, Rqx, Rqy, Qf, K, PfStep;

    public Case(Backend backend, GlobalGrid grid)
    {
        (Backend, Grid, Nx, Ny, NxGlobal, NyGlobal) = (backend, grid, grid.Nx, grid.Ny, grid.NxGlobal, grid.NyGlobal);
        (Dx, Dy) = (Lx / NxGlobal, Ly / NyGlobal);
        (Pf, RPf, Qf, K, PfStep) = (Cells(), Cells(), Cells(), Cells(), Cells());
        (Qx, Rqx, Qy, Rqy) = (backend.Allocate<double>(Nx + 1, Ny), backend.Allocate<double>(Nx + 1, Ny), backend.Allocate<double>(Nx, Ny + 1), backend.Allocate<double>(Nx, Ny + 1));
        var (injection, extraction) = (GlobalCell(Lx / 5, 0.45 * Ly), GlobalCell(4 * Lx / 5, 0.45 * Ly));
        Qf.CopyFromHost(Local((gi, gj) => (gi, gj) == injection ? 1 / (Dx * Dy) : (gi, gj) == extraction ? -1 / (Dx * Dy) : 0));
        Field<double> Cells() => backend.Allocate<double>(Nx, Ny);
    }

    /// <summary>The published grid for <paramref name="ny"/> cells along y: nx = ⌈(ny + 1) lx / ly⌉ − 1.</summary>
    public static (int Nx, int Ny) PublishedGrid(int ny) => ((int)Math.Ceiling((ny + 1) * Lx / Ly) - 1, ny);

    /// <summary>The global cell containing (x, y).</summary>
    public (int I, int J) GlobalCell(double x, double y) => (Math.Min((int)(x / Dx), NxGlobal - 1), Math.Min((int)(y / Dy), NyGlobal - 1));

    /// <summary>The 8 x 8 observation cells (global): x in [-lx/6, lx/6] about the centre, y in [0.25, 0.85] ly.</summary>
    public (int I, int J)[] ObservationCells()
        => Enumerable.Range(0, 64).Select(n => GlobalCell(Lx / 2 - Lx / 6 + n % 8 * (Lx / 3) / 7, 0.25 * Ly + n / 8 * (0.6 * Ly) / 7)).ToArray();

    /// <summary>The true permeability of a global cell: 1, with a 1e-6 barrier of half-width 0.02 lx about the centre, from 0.3 to 0.8 ly.</summary>
    public double TruePermeability(int gi, int gj)
        => Math.Abs((gi + 0.5) * Dx - Lx / 2) < 0.02 * Lx && (gj + 0.5) * Dy > 0.3 * Ly && (gj + 0.5) * Dy < 0.8 * Ly ? 1e-6 : 1;

    /// <summary>This block's values (x fastest, halo cells included), and the owned cells' values (a parameter vector), of a function of the global cell.</summary>
    public double[] Local(Func<int, int, double> value) => Grid.Local(Nx, Ny, value);
    public double[] Owned(Func<int, int, double> value) => Grid.Owned(Nx, Ny, value);

    /// <summary>The local pressure steps (vdτ ly / Re) / Kmax, Kmax over each cell and its neighbours.</summary>
    public void UpdateSteps() => PseudoTransientParameters.PotentialSteps(PfStep, K, PseudoTransientParameters.VpDtau(Cfl, Dx, Dy), Ly, Re);

    /// <summary>The forward problem: states qx, qy, Pf with the published damped steps, on the global grid.</summary>
    public SteadyProblem<double> Problem() => new SteadyProblem<double>(Backend, Grid)
        .State("qx", Qx, Rqx, PseudoTransientParameters.FluxStep(Cfl, NxGlobal, Re))
        .State("qy", Qy, Rqy, PseudoTransientParameters.FluxStep(Cfl, NyGlobal, Re))
        .State("Pf", Pf, RPf, PfStep)
        .Residual(Darcy.BindResidualFluxes(Rqx, Rqy, Qx, Qy, Pf, K, Dx, Dy))
        .Residual(Darcy.BindResidualPressure(RPf, Qx, Qy, Qf, Dx, Dy))
        .Parameter(K)
        .Monitor(Pf);

    /// <summary>
    /// J(log K) = ½ Σ (P̃f − d)² at the <paramref name="observed"/> cells, P̃f = Pf − mean(Pf): with
    /// no-flux boundaries all around, Pf is defined up to a constant. The adjoint takes the forward
    /// steps (the same Re: with the published 2 Re it converges at half the rate or less). With
    /// <paramref name="warmStart"/> each forward solve after the first starts from the last solution
    /// and each adjoint solve from the last Ψ.
    /// </summary>
    public SteadyStateObjective Objective((int I, int J)[] observed, double[]? data, PseudoTransientOptions forward, PseudoTransientOptions adjoint, bool warmStart = false)
        => new(Problem(), K, Pf, observed.Select(o => o.I + NxGlobal * o.J).ToArray())
        {
            Data = data ?? new double[observed.Length], Scale = ParameterScale.Log, RemoveMean = true, Forward = forward, Adjoint = adjoint,
            ForwardStart = warmStart ? SolveStart.LastSolution : SolveStart.Rest, AdjointStart = warmStart ? SolveStart.LastSolution : SolveStart.Rest,
            ParameterChanged = UpdateSteps, Log = Grid.IsRoot ? Console.Out : null,
        };

    public PseudoTransientOptions ForwardOptions => new() { Tolerance = 1e-6, MaxIterations = 30 * NxGlobal, CheckEvery = 2 * NxGlobal };

    /// <summary>
    /// The adjoint solves stop at 1e-10 of their right-hand side max |∂J/∂Pf|, whatever the units of
    /// J, so that the gradient is within 1e-6 (L2, relative) of the gradient of solves converged to
    /// round-off; the forward's absolute 1e-6 is already 1e-10 of its sources.
    /// </summary>
    public PseudoTransientOptions AdjointOptions => new() { Tolerance = 0, RelativeTolerance = 1e-10, MaxIterations = 100 * NxGlobal, CheckEvery = 2 * NxGlobal };

    public void Dispose()
    {
        foreach (var f in new[] { Pf, Qx, Qy, RPf, Rqx, Rqy, Qf, K, PfStep }) f.Dispose();
    }
}
