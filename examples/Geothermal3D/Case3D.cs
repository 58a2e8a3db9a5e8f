using Stencil;
using Stencil.Distributed;

namespace Geothermal3D;

/// <summary>
/// The 3D case on this process's block of a global grid of cells: a 2 x 1 x 1 box of permeability 1
/// crossed by a vertical slab of permeability 10⁻⁶ between an injection and an extraction well,
/// pressure observed in a lattice of vertical boreholes around the slab. Every input is defined by
/// global cell indices, so each block sets its own part, halo cells included.
/// </summary>
public sealed class Case3D : IDisposable
{
    public const double Lx = 2, Ly = 1, Lz = 1;

    public Case3D(Backend backend, GlobalGrid grid)
    {
        Backend = backend;
        Grid = grid;
        (Nx, Ny, Nz) = (grid.Nx, grid.Ny, grid.Nz);
        (NxGlobal, NyGlobal, NzGlobal) = (grid.NxGlobal, grid.NyGlobal, grid.NzGlobal);
        (Dx, Dy, Dz) = (Lx / NxGlobal, Ly / NyGlobal, Lz / NzGlobal);
        Pf = Cells();
        RPf = Cells();
        Qf = Cells();
        K = Cells();
        PfStep = Cells();
        Qx = backend.Allocate<double>(Nx + 1, Ny, Nz);
        Rqx = backend.Allocate<double>(Nx + 1, Ny, Nz);
        Qy = backend.Allocate<double>(Nx, Ny + 1, Nz);
        Rqy = backend.Allocate<double>(Nx, Ny + 1, Nz);
        Qz = backend.Allocate<double>(Nx, Ny, Nz + 1);
        Rqz = backend.Allocate<double>(Nx, Ny, Nz + 1);
        var injection = GlobalCell(Lx / 5, 0.45 * Ly, 0.5 * Lz);
        var extraction = GlobalCell(4 * Lx / 5, 0.45 * Ly, 0.5 * Lz);
        double rate = 1 / (Dx * Dy * Dz);
        Qf.CopyFromHost(Local((i, j, k) => (i, j, k) == injection ? rate : (i, j, k) == extraction ? -rate : 0));
    }

    public Backend Backend { get; }
    public GlobalGrid Grid { get; }
    /// <summary>This block's cells (halo included), and the global grid's.</summary>
    public int Nx { get; }
    public int Ny { get; }
    public int Nz { get; }
    public int NxGlobal { get; }
    public int NyGlobal { get; }
    public int NzGlobal { get; }
    public double Dx { get; }
    public double Dy { get; }
    public double Dz { get; }
    public Field<double> Pf { get; }
    public Field<double> RPf { get; }
    public Field<double> Qf { get; }
    public Field<double> K { get; }
    public Field<double> PfStep { get; }
    public Field<double> Qx { get; }
    public Field<double> Rqx { get; }
    public Field<double> Qy { get; }
    public Field<double> Rqy { get; }
    public Field<double> Qz { get; }
    public Field<double> Rqz { get; }

    public static double Cfl => PseudoTransientParameters.Cfl(3);

    /// <summary>The Reynolds number of the steps: forward solves from rest took fewest iterations at Re 3.5 to 4.5 (of 2, 2.5, 3, 3.5, 4.5 on 63 x 31 x 31).</summary>
    public const double Re = 4;

    /// <summary>A flux's step 1 / (1 + θ_r/dτ) with θ_r/dτ = L / (Vp·dτ Re) = n / (CFL Re), n cells along its axis.</summary>
    private static double FluxStep(int n) => 1 / (1 + n / (Cfl * Re));

    /// <summary>The global cell containing (x, y, z).</summary>
    public (int I, int J, int K) GlobalCell(double x, double y, double z)
        => (Math.Min((int)(x / Dx), NxGlobal - 1), Math.Min((int)(y / Dy), NyGlobal - 1), Math.Min((int)(z / Dz), NzGlobal - 1));

    /// <summary>The wells' cells (global): injection, then extraction.</summary>
    public (int I, int J, int K)[] Wells() => [GlobalCell(Lx / 5, 0.45 * Ly, 0.5 * Lz), GlobalCell(4 * Lx / 5, 0.45 * Ly, 0.5 * Lz)];

    /// <summary>6 x 4 vertical boreholes (x within lx/4 of the centre, y in [0.2, 0.8] ly), each observing 6 depths in [0.15, 0.85] lz.</summary>
    public (int I, int J, int K)[] ObservationCells()
    {
        var cells = new List<(int, int, int)>();
        foreach (var (x, y) in Boreholes())
            for (int d = 0; d < 6; d++)
                cells.Add(GlobalCell(x, y, (0.15 + 0.7 * d / 5) * Lz));
        return cells.ToArray();
    }

    /// <summary>The boreholes' positions (x, y).</summary>
    public static (double X, double Y)[] Boreholes()
        => [.. from j in Enumerable.Range(0, 4) from i in Enumerable.Range(0, 6) select (Lx / 2 - Lx / 4 + i * (Lx / 2) / 5, 0.2 * Ly + j * 0.6 * Ly / 3)];

    /// <summary>The true permeability of a global cell: 1, and 10⁻⁶ in the slab |x − lx/2| &lt; 0.04 lx, 0.3 ly &lt; y &lt; 0.8 ly, 0.2 lz &lt; z &lt; 0.8 lz.</summary>
    public double TruePermeability(int gi, int gj, int gk)
    {
        double x = (gi + 0.5) * Dx, y = (gj + 0.5) * Dy, z = (gk + 0.5) * Dz;
        return Math.Abs(x - Lx / 2) < 0.04 * Lx && y > 0.3 * Ly && y < 0.8 * Ly && z > 0.2 * Lz && z < 0.8 * Lz ? 1e-6 : 1;
    }

    /// <summary>A block's worth of values (x fastest) from a function of the global cell.</summary>
    public double[] Local(Func<int, int, int, double> value) => Grid.Local(Nx, Ny, Nz, value);

    /// <summary>The owned cells' values (the parameter vector's order) from a function of the global cell.</summary>
    public double[] Owned(Func<int, int, int, double> value) => Grid.Owned(Nx, Ny, Nz, value);

    /// <summary>
    /// The local pressure steps (vdτ min(ly, lz) / Re) / Kmax, Kmax over each cell and its six neighbours.
    /// </summary>
    public void UpdateSteps() => PseudoTransientParameters.PotentialSteps(PfStep, K, PseudoTransientParameters.VpDtau(Cfl, Dx, Dy, Dz), Math.Min(Ly, Lz), Re);

    /// <summary>The forward problem: states qx, qy, qz, Pf with the accelerated damped steps, on the global grid.</summary>
    public SteadyProblem<double> Problem() => new SteadyProblem<double>(Backend, Grid)
        .State("qx", Qx, Rqx, FluxStep(NxGlobal))
        .State("qy", Qy, Rqy, FluxStep(NyGlobal))
        .State("qz", Qz, Rqz, FluxStep(NzGlobal))
        .State("Pf", Pf, RPf, PfStep)
        .Residual(Darcy3D.BindResidualFluxes(Rqx, Rqy, Rqz, Qx, Qy, Qz, Pf, K, Dx, Dy, Dz))
        .Residual(Darcy3D.BindResidualPressure(RPf, Qx, Qy, Qz, Qf, Dx, Dy, Dz))
        .Parameter(K)
        .Monitor(Pf);

    /// <summary>
    /// J(log K) = ½ Σ (P̃f − d)² at the <paramref name="observed"/> cells, P̃f = Pf − mean(Pf) (no-flux
    /// boundaries all around leave Pf defined up to a constant). Each forward solve starts from the
    /// last solution and each adjoint solve from the last Ψ; the adjoint takes the forward steps.
    /// </summary>
    public SteadyStateObjective Objective((int I, int J, int K)[] observed, PseudoTransientOptions? forward = null, PseudoTransientOptions? adjoint = null)
        => new(Problem(), K, Pf, observed.Select(o => o.I + NxGlobal * (o.J + NyGlobal * o.K)).ToArray())
        {
            Scale = ParameterScale.Log,
            RemoveMean = true,
            Forward = forward ?? ForwardOptions,
            Adjoint = adjoint ?? AdjointOptions,
            ForwardStart = SolveStart.LastSolution,
            AdjointStart = SolveStart.LastSolution,
            ParameterChanged = UpdateSteps,
            Log = Grid.IsRoot ? Console.Out : null,
        };

    public PseudoTransientOptions ForwardOptions => new() { Tolerance = 1e-6, MaxIterations = 50 * NxGlobal, CheckEvery = NxGlobal, AdaptiveChecks = true };

    /// <summary>The adjoint solves stop at 1e-10 of their right-hand side max |∂J/∂Pf|, whatever the units of J.</summary>
    public PseudoTransientOptions AdjointOptions => new() { Tolerance = 0, RelativeTolerance = 1e-10, MaxIterations = 100 * NxGlobal, CheckEvery = NxGlobal, AdaptiveChecks = true };

    private Field<double> Cells() => Backend.Allocate<double>(Nx, Ny, Nz);

    public void Dispose()
    {
        foreach (var f in new[] { Pf, RPf, Qf, K, PfStep, Qx, Rqx, Qy, Rqy, Qz, Rqz }) f.Dispose();
    }
}
