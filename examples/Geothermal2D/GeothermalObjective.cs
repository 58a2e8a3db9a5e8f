using Stencil;

namespace Geothermal2D;

/// <summary>
/// J(log K) = ½ Σ_obs (P̃f − Pf_obs)² through a forward PT solve; its gradient through the adjoint PT
/// solve derived by the runtime, converted by dJ/dlogK = K dJ/dK. The true gradient: the smoothing
/// that regularises the inversion is the optimiser's preconditioner (<see cref="GradientSmoothing"/>).
/// With no-flux boundaries all around, Pf is defined up to a constant; P̃f = Pf − mean(Pf) fixes
/// it, which makes ∂J/∂Pf mean-free and so the adjoint system solvable.
/// </summary>
public sealed class GeothermalObjective : IObjective, IDisposable
{
    private readonly Case _case;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly PointMisfit _misfit;
    private readonly Field<double> _dJdPf, _gradient;

    public GeothermalObjective(Case c, int[] observed, double[] data, PseudoTransientOptions forward, PseudoTransientOptions adjoint)
    {
        _case = c;
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
        if (!LastAdjoint.Converged)
            Console.WriteLine($"  warning: adjoint solve not converged ({LastAdjoint})");
        _adjoint.Gradient([_gradient]);
        var dJdK = _gradient.ToArray();
        for (int i = 0; i < gradient.Length; i++) gradient[i] = dJdK[i] * Math.Exp(logK[i]);
        return cost;
    }

    /// <summary>Solves the forward problem from rest for K = exp(log K) (cold start: every evaluation is reproducible).</summary>
    public void Solve(double[] logK)
    {
        Evaluations++;
        _case.SetPermeability(logK.Select(v => Math.Exp(v)).ToArray());
        foreach (var f in new[] { _case.Pf, _case.Qx, _case.Qy }) f.Fill(0);
        LastForward = PseudoTransientSolver.Solve(_problem, Forward);
        if (!LastForward.Converged)
            Console.WriteLine($"  warning: forward solve not converged ({LastForward})");
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
