using Stencil;

namespace PowerLaw1D;

/// <summary>
/// The published power-law case: lx = 20, nx cell centres, H0 = 1 - 0.5 x / lx with both end values
/// fixed, the damped pseudo-transient iteration of the published script (damping 1/2 over nx
/// iterations, dt = dx/6; the adjoint 3/2 and dx/3) to a residual of 1e-8.
/// </summary>
public sealed class PowerLawCase : IDisposable
{
    public const double Lx = 20;
    /// <summary>The synthetic truth, the start of the inversion, and the exponent at the two fixed ends (known, like H there).</summary>
    public const double TrueExponent = 3, StartExponent = 1, EndExponent = TrueExponent;

    public PowerLawCase(Backend backend, int nx)
    {
        Backend = backend;
        Nx = nx;
        Dx = Lx / nx;
        H = backend.Allocate<double>(nx);
        V = backend.Allocate<double>(nx);
        RH = backend.Allocate<double>(nx);
        RV = backend.Allocate<double>(nx);
        N = backend.Allocate<double>(nx);
        Reset();
    }

    public Backend Backend { get; }
    public int Nx { get; }
    public double Dx { get; }
    public Field<double> H { get; }
    public Field<double> V { get; }
    public Field<double> RH { get; }
    public Field<double> RV { get; }
    public Field<double> N { get; }

    /// <summary>Cell centres x_i = (i + 1/2) dx.</summary>
    public double X(int i) => (i + 0.5) * Dx;

    /// <summary>The initial thickness, whose end values stay fixed: H0 = 1 - 0.5 x / lx.</summary>
    public double[] InitialThickness() => Enumerable.Range(0, Nx).Select(i => 1 - 0.5 * X(i) / Lx).ToArray();

    /// <summary>Back to the start of a solve: H = H0, V = 0.</summary>
    public void Reset()
    {
        H.CopyFromHost(InitialThickness());
        V.Fill(0);
    }

    /// <summary>The published steps (damping dmp over nx iterations, rate step dt) in this formulation: V's step dmp/nx, H's dt² nx/dmp.</summary>
    public PseudoStep<double>[] Steps(double dmp, double dt) => [dmp / Nx, dt * dt * Nx / dmp];

    public PseudoStep<double>[] ForwardSteps => Steps(0.5, Dx / 6);
    /// <summary>The adjoint's steps from the published damping 3/2 and dt = dx/3: a third of the iterations the forward's steps take.</summary>
    public PseudoStep<double>[] AdjointSteps => Steps(1.5, Dx / 3);

    /// <summary>
    /// States V (the rate) and H, the residual kernels in the published order (the rate first, then
    /// H from the new rate), the exponent field as parameter. Convergence is checked on both
    /// residuals: at a fixed point V = 0, and max |V - R| and max |V| below the tolerance bound the
    /// physics residual R by twice the tolerance.
    /// </summary>
    public SteadyProblem<double> Problem()
    {
        var steps = ForwardSteps;
        return new SteadyProblem<double>(Backend)
            .State("V", V, RV, steps[0])
            .State("H", H, RH, steps[1])
            .Residual(PowerLaw.BindRateResidual(RV, V, H, N, Dx))
            .Residual(PowerLaw.BindThicknessResidual(RH, V))
            .Parameter(N);
    }

    public PseudoTransientOptions ForwardOptions => new() { Tolerance = 1e-8, MaxIterations = 100 * Nx, CheckEvery = Nx, AdaptiveChecks = true };
    /// <summary>The adjoint solves stop at 1e-10 of their right-hand side H - H_obs, whose size falls by orders of magnitude as the fit improves.</summary>
    public PseudoTransientOptions AdjointOptions => new() { Tolerance = 0, RelativeTolerance = 1e-10, MaxIterations = 200 * Nx, CheckEvery = Nx, AdaptiveChecks = true };

    public void Dispose()
    {
        foreach (var f in new[] { H, V, RH, RV, N }) f.Dispose();
    }
}
