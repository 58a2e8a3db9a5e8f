using Stencil;

namespace ShallowIce2D;

/// <summary>
/// The published shallow-ice case: a 100 x 100 domain of n x n cells; the bed is two Gaussian hills
/// (B = e^(−r²/0.25) + 2.5 e^(−r²/0.025), r the distance to the centre over lx); the equilibrium-line
/// altitude rises from west to east, ELA = 2 + x/lx − 1/2; the mass-balance gradient β is the field
/// to recover, 0.25 − 0.001 atan(y/lx) in truth and 0.7 · 0.25 − 0.002 atan(y/lx) at the start. The
/// forward iteration damps the rate by 0.78 per iteration with local steps; the adjoint's steps are
/// the published damping 1.7 over n iterations with dt = dx/3.1.
/// </summary>
public sealed class IceCase : IDisposable
{
    public const double Lx = 100, Ly = 100, Beta0 = 0.25;
    public const double Damping = 0.78;
    /// <summary>The largest accumulation rate: M = min(β (S − ELA), AccumulationCap).</summary>
    public const double AccumulationCap = 0.01;

    public IceCase(Backend backend, int n)
    {
        Backend = backend;
        N = n;
        Dx = Lx / n;
        Dy = Ly / n;
        H = backend.Allocate<double>(n, n);
        V = backend.Allocate<double>(n, n);
        RH = backend.Allocate<double>(n, n);
        RV = backend.Allocate<double>(n, n);
        T = backend.Allocate<double>(n, n);
        AdjointStep = backend.Allocate<double>(n, n);
        B = backend.Allocate<double>(n, n);
        Ela = backend.Allocate<double>(n, n);
        Beta = backend.Allocate<double>(n, n);
        B.CopyFromHost(Grid((x, y) =>
        {
            double r2 = (x / Lx - 0.5) * (x / Lx - 0.5) + (y / Lx - 0.5 * Ly / Lx) * (y / Lx - 0.5 * Ly / Lx);
            return Math.Exp(-r2 / 0.25) + 2.5 * Math.Exp(-r2 / 0.025);
        }));
        Ela.CopyFromHost(Grid((x, _) => 2.0 + (x / Lx - 0.5)));
        ForwardOptions = new() { Tolerance = 1e-8, MaxIterations = 400 * n, CheckEvery = n, AdaptiveChecks = true };
        AdjointOptions = new() { Tolerance = 0, RelativeTolerance = 1e-8, MaxIterations = 200 * n, CheckEvery = n, AdaptiveChecks = true };
        Reset();
    }

    public Backend Backend { get; }
    /// <summary>Cells per side.</summary>
    public int N { get; }
    public double Dx { get; }
    public double Dy { get; }
    public Field<double> H { get; }
    public Field<double> V { get; }
    public Field<double> RH { get; }
    public Field<double> RV { get; }
    /// <summary>H's local pseudo-time steps.</summary>
    public Field<double> T { get; }
    public Field<double> B { get; }
    public Field<double> Ela { get; }
    public Field<double> Beta { get; }

    public double X(int i) => (i + 0.5) * Dx;
    public double Y(int j) => (j + 0.5) * Dy;

    /// <summary>Values f(x, y) at the cell centres, x fastest.</summary>
    public double[] Grid(Func<double, double, double> f)
    {
        var values = new double[N * N];
        for (int j = 0; j < N; j++)
            for (int i = 0; i < N; i++)
                values[i + N * j] = f(X(i), Y(j));
        return values;
    }

    public double[] TrueBeta() => Grid((_, y) => Beta0 - 0.001 * Math.Atan(y / Lx));
    public double[] StartBeta() => Grid((_, y) => 0.7 * Beta0 - 0.002 * Math.Atan(y / Lx));

    /// <summary>Back to the start of a solve: no ice, at rest.</summary>
    public void Reset()
    {
        H.Fill(0);
        V.Fill(0);
        T.Fill(0);
    }

    /// <summary>
    /// States V (step 1 − d) and H (local steps T, recomputed every iteration), the rate first, then
    /// H from the new rate; β is the parameter.
    /// </summary>
    public SteadyProblem<double> Problem()
    {
        double cfl = 0.2 * Math.Min(Dx, Dy) * Math.Min(Dx, Dy);
        return new SteadyProblem<double>(Backend)
            .State("V", V, RV, 1 - Damping)
            .State("H", H, RH, T)
            .Steps(ShallowIce.BindThicknessStep(T, H, B, Dx, Dy, cfl, Damping))
            .Residual(ShallowIce.BindRateResidual(RV, V, H, B, Ela, Beta, Dx, Dy, AccumulationCap))
            .Residual(ShallowIce.BindThicknessResidual(RH, V, H, T))
            .Parameter(Beta);
    }

    /// <summary>
    /// J(β) = ½ Σ (H − H_obs)² over the cells, H the steady thickness for β. Every forward solve grows
    /// the ice from none, as in the published script: the steady state this model reaches depends on
    /// where it starts (an ice-free cell beside the margin stays bare unless the ice flowing in outpaces
    /// its ablation), so starting from the last state would make J depend on the path of the inversion.
    /// The adjoint solves, whose solution is unique, start from the last Ψ.
    /// </summary>
    public SteadyStateObjective Objective(double[] observed) => new(Problem(), Beta, H, Enumerable.Range(0, N * N).ToArray())
    {
        Data = observed,
        Forward = ForwardOptions,
        Adjoint = AdjointOptions,
        AdjointSteps = () => AdjointSteps(),
        AdjointStart = SolveStart.LastSolution,
        Reset = Reset,
        Log = Console.Out,
    };

    /// <summary>
    /// The adjoint's steps for the states (V, H): the published damping 1.7 over n iterations and
    /// dt = dx/3.1, with H's step at most its last forward step T (off the ice the adjoint of H
    /// relaxes with rate 1/T, which the published step overshoots on grids of fewer than 135 cells a side).
    /// </summary>
    public PseudoStep<double>[] AdjointSteps(double damping = 1.7, double cfl = 3.1)
    {
        double dt = Math.Min(Dx, Dy) / cfl;
        double h = dt * dt * N / damping;
        var t = T.ToArray();
        for (int i = 0; i < t.Length; i++) t[i] = Math.Min(h, t[i]);
        AdjointStep.CopyFromHost(t);
        return [damping / N, AdjointStep];
    }

    /// <summary>H's adjoint steps (<see cref="AdjointSteps"/>).</summary>
    public Field<double> AdjointStep { get; }

    /// <summary>
    /// Forward solves stop at max |R| &lt; 10⁻⁸ rather than the published 10⁻⁴: at 10⁻⁴ the state's error
    /// moves the gradient by about 0.5 %, at 10⁻⁸ by about 10⁻⁵.
    /// </summary>
    public PseudoTransientOptions ForwardOptions { get; set; }
    /// <summary>Adjoint solves stop at 10⁻⁸ of their right-hand side H − H_obs.</summary>
    public PseudoTransientOptions AdjointOptions { get; set; }

    public void Dispose()
    {
        foreach (var f in new[] { H, V, RH, RV, T, AdjointStep, B, Ela, Beta }) f.Dispose();
    }
}
