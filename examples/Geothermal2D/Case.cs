using Stencil;

namespace Geothermal2D;

/// <summary>The published case's geometry, wells, barrier and PT parameters (REFERENCE.md §4.1), for any resolution.</summary>
public sealed class Case : IDisposable
{
    public const double Lx = 2, Ly = 1;

    public Case(Backend backend, int ny)
    {
        Backend = backend;
        Ny = ny;
        Nx = (int)Math.Ceiling((ny + 1) * Lx / Ly) - 1;
        Dx = Lx / Nx;
        Dy = Ly / Ny;
        Pf = backend.Allocate<double>(Nx, Ny);
        Qx = backend.Allocate<double>(Nx + 1, Ny);
        Qy = backend.Allocate<double>(Nx, Ny + 1);
        RPf = backend.Allocate<double>(Nx, Ny);
        Rqx = backend.Allocate<double>(Nx + 1, Ny);
        Rqy = backend.Allocate<double>(Nx, Ny + 1);
        Qf = backend.Allocate<double>(Nx, Ny);
        K = backend.Allocate<double>(Nx, Ny);
        PfStep = backend.Allocate<double>(Nx, Ny);
        PfStepAdjoint = backend.Allocate<double>(Nx, Ny);

        var qf = new double[Nx * Ny];
        qf[Cell(Lx / 5, 0.45 * Ly)] = 1 / (Dx * Dy);
        qf[Cell(4 * Lx / 5, 0.45 * Ly)] = -1 / (Dx * Dy);
        Qf.CopyFromHost(qf);
    }

    public Backend Backend { get; }
    public int Nx { get; }
    public int Ny { get; }
    public double Dx { get; }
    public double Dy { get; }
    public Field<double> Pf { get; }
    public Field<double> Qx { get; }
    public Field<double> Qy { get; }
    public Field<double> RPf { get; }
    public Field<double> Rqx { get; }
    public Field<double> Rqy { get; }
    public Field<double> Qf { get; }
    public Field<double> K { get; }
    public Field<double> PfStep { get; }
    public Field<double> PfStepAdjoint { get; }

    public static double Cfl => PseudoTransientParameters.Cfl(2);

    public static double Re => 0.8 * Math.PI;

    /// <summary>The index of the cell containing (x, y).</summary>
    public int Cell(double x, double y) => Math.Min((int)(x / Dx), Nx - 1) + Nx * Math.Min((int)(y / Dy), Ny - 1);

    /// <summary>The true permeability: 1, with a 1e-6 barrier of half-width 0.02 lx about the centre, from 0.3 to 0.8 ly.</summary>
    /// <summary>The 8 x 8 observation cells: x in [-lx/6, lx/6] about the centre, y in [0.25, 0.85] ly.</summary>
    public int[] ObservationCells()
    {
        var cells = new List<int>();
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++)
            {
                double x = Lx / 2 - Lx / 6 + i * (Lx / 3) / 7;
                double y = 0.25 * Ly + j * (0.6 * Ly) / 7;
                cells.Add(Cell(x, y));
            }
        return cells.ToArray();
    }

    public double[] TruePermeability()
    {
        var k = new double[Nx * Ny];
        for (int j = 0; j < Ny; j++)
            for (int i = 0; i < Nx; i++)
            {
                double x = (i + 0.5) * Dx, y = (j + 0.5) * Dy;
                k[i + Nx * j] = Math.Abs(x - Lx / 2) < 0.02 * Lx && y > 0.3 * Ly && y < 0.8 * Ly ? 1e-6 : 1;
            }
        return k;
    }

    /// <summary>Sets K and the local pressure steps (vdτ ly / Re) / Kmax, Kmax over the 5-point neighbourhood; adjoint steps use 2 Re.</summary>
    public void SetPermeability(double[] k)
    {
        K.CopyFromHost(k);
        double vdtau = PseudoTransientParameters.VpDtau(Cfl, Dx, Dy);
        var step = new double[k.Length];
        var stepAdjoint = new double[k.Length];
        for (int j = 0; j < Ny; j++)
            for (int i = 0; i < Nx; i++)
            {
                double kmax = k[i + Nx * j];
                if (i > 0) kmax = Math.Max(kmax, k[i - 1 + Nx * j]);
                if (i < Nx - 1) kmax = Math.Max(kmax, k[i + 1 + Nx * j]);
                if (j > 0) kmax = Math.Max(kmax, k[i + Nx * (j - 1)]);
                if (j < Ny - 1) kmax = Math.Max(kmax, k[i + Nx * (j + 1)]);
                step[i + Nx * j] = PseudoTransientParameters.PotentialStep(vdtau, Ly, kmax, Re);
                stepAdjoint[i + Nx * j] = PseudoTransientParameters.PotentialStep(vdtau, Ly, kmax, 2 * Re);
            }
        PfStep.CopyFromHost(step);
        PfStepAdjoint.CopyFromHost(stepAdjoint);
    }

    /// <summary>The forward problem: states qx, qy, Pf with the published damped steps.</summary>
    public SteadyProblem<double> Problem() => new SteadyProblem<double>(Backend)
        .State("qx", Qx, Rqx, PseudoTransientParameters.FluxStep(Cfl, Nx, Re))
        .State("qy", Qy, Rqy, PseudoTransientParameters.FluxStep(Cfl, Ny, Re))
        .State("Pf", Pf, RPf, PfStep)
        .Residual(Darcy.ResidualFluxesKernel, [Rqx, Rqy, Qx, Qy, Pf, K], [Dx, Dy])
        .Residual(Darcy.ResidualPressureKernel, [RPf, Qx, Qy, Qf], [Dx, Dy])
        .Parameter(K)
        .Monitor("Pf");

    public PseudoTransientOptions ForwardOptions => new() { Tolerance = 1e-6, MaxIterations = 30 * Nx, CheckEvery = 2 * Nx };

    public void Dispose()
    {
        foreach (var f in new[] { Pf, Qx, Qy, RPf, Rqx, Rqy, Qf, K, PfStep, PfStepAdjoint }) f.Dispose();
    }
}
