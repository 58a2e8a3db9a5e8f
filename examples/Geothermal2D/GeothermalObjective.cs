using Stencil;

namespace Geothermal2D;

/// <summary>
/// J(log K) = ½ Σ_obs (P̃f − Pf_obs)² through a forward PT solve; its gradient through the adjoint PT
/// solve derived by the runtime, converted by dJ/dlogK = K dJ/dK. The true gradient: the smoothing
/// that regularises the inversion is the optimiser's preconditioner (<see cref="GradientSmoothing"/>).
/// With no-flux boundaries all around, Pf is defined up to a constant; P̃f = Pf − mean(Pf) fixes
/// it, which makes ∂J/∂Pf mean-free and so the adjoint system solvable.
/// <para>
/// With <c>warmStart</c>, each forward solve after the first starts from the last solution (Pf, qx,
/// qy) instead of from rest: an inversion's consecutive K differ little, and the geothermal inversion
/// needed 32 % fewer forward PT iterations along the same L-BFGS path (docs/performance.md). Its
/// evaluations then depend on the ones before; the saved <see cref="InversionState"/> carries the
/// solution (<see cref="IStatefulObjective"/>), so a resumed run continues bit for bit. The adjoint
/// solves start from zero: started from the last Ψ, whose right-hand side differs, they took as
/// many iterations.
/// </para>
/// </summary>
public sealed class GeothermalObjective : IStatefulObjective, IDisposable
{
    private readonly Case _case;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly PointMisfit _misfit;
    private readonly Field<double> _dJdPf, _gradient;

    private readonly bool _warmStart;
    private bool _solved;

    public GeothermalObjective(Case c, int[] observed, double[] data, PseudoTransientOptions forward, PseudoTransientOptions adjoint, bool warmStart = false)
    {
        _case = c;
        _warmStart = warmStart;
        _misfit = new PointMisfit(observed, data);
        Forward = forward;
        Adjoint = adjoint;
        _problem = c.Problem();
        _adjoint = new AdjointSolver<double>(_problem);
        _dJdPf = c.Backend.Allocate<double>(c.Nx, c.Ny);
        _gradient = c.Backend.Allocate<double>(c.Nx, c.Ny);
    }

    public PseudoTransientOptions Forward { get; }
    public PseudoTransientOptions Adjoint { get; }

    /// <summary>The last forward and adjoint solves, for the summary.</summary>
    public SolveResult? LastForward { get; private set; }
    public SolveResult? LastAdjoint { get; private set; }
    public int Evaluations { get; private set; }

    /// <summary>PT iterations of all forward and adjoint solves so far.</summary>
    public long ForwardIterations { get; private set; }
    public long AdjointIterations { get; private set; }

    public double Cost(double[] logK)
    {
        Solve(logK);
        return _misfit.Cost(Pressure());
    }

    /// <summary>The pressure with its mean removed (the gauge of the no-flux problem).</summary>
    public double[] Pressure()
    {
        var pf = _case.Pf.ToArray();
        double mean = pf.Average();
        for (int i = 0; i < pf.Length; i++) pf[i] -= mean;
        return pf;
    }

    public double CostAndGradient(double[] logK, double[] gradient)
    {
        double cost = Cost(logK);
        var dJdPf = _misfit.Derivative(Pressure());
        double mean = dJdPf.Average();
        for (int i = 0; i < dJdPf.Length; i++) dJdPf[i] -= mean;
        _dJdPf.CopyFromHost(dJdPf);

        LastAdjoint = _adjoint.Solve([null, null, _dJdPf], AdjointSteps(), Adjoint);
        AdjointIterations += LastAdjoint.Iterations;
        if (!LastAdjoint.Converged)
            Console.WriteLine($"  warning: adjoint solve not converged ({LastAdjoint})");
        _adjoint.Gradient([_gradient]);
        var dJdK = _gradient.ToArray();
        for (int i = 0; i < gradient.Length; i++) gradient[i] = dJdK[i] * Math.Exp(logK[i]);
        return cost;
    }

    /// <summary>
    /// Solves the forward problem for K = exp(log K): from rest, or with a warm start from the last
    /// solution (the first solve starts from rest either way).
    /// </summary>
    public void Solve(double[] logK)
    {
        Evaluations++;
        _case.SetPermeability(logK.Select(v => Math.Exp(v)).ToArray());
        if (!(_warmStart && _solved))
            foreach (var (_, field) in State) field.Fill(0);
        LastForward = PseudoTransientSolver.Solve(_problem, Forward);
        ForwardIterations += LastForward.Iterations;
        _solved = true;
        if (!LastForward.Converged)
            Console.WriteLine($"  warning: forward solve not converged ({LastForward})");
    }

    /// <summary>The forward solution a warm start begins from, by the names the saved state gives it.</summary>
    private (string Name, Field<double> Field)[] State => [("Pf", _case.Pf), ("qx", _case.Qx), ("qy", _case.Qy)];

    public IReadOnlyDictionary<string, double[]> SaveState() =>
        _warmStart && _solved ? State.ToDictionary(s => s.Name, s => s.Field.ToArray()) : new Dictionary<string, double[]>();

    public void RestoreState(IReadOnlyDictionary<string, double[]> state)
    {
        if (!_warmStart) return;
        foreach (var (name, field) in State)
        {
            if (!state.TryGetValue(name, out var values) || values.Length != field.Length)
                throw new InvalidDataException($"The saved inversion state has no '{name}' of {field.Length} values for this grid: it was written for another case or grid; start without --resume.");
            field.CopyFromHost(values);
        }
        _solved = true;
    }

    private PseudoStep<double>[] AdjointSteps() =>
    [
        PseudoTransientParameters.FluxStep(Case.Cfl, _case.Nx, 2 * Case.Re),
        PseudoTransientParameters.FluxStep(Case.Cfl, _case.Ny, 2 * Case.Re),
        _case.PfStepAdjoint,
    ];

    public void Dispose()
    {
        _adjoint.Dispose();
        _dJdPf.Dispose();
        _gradient.Dispose();
    }
}
