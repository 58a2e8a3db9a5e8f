using Stencil;

namespace ShallowIce2D;

/// <summary>
/// J(β) = ½ Σ (H − H_obs)² over the cells, H the steady thickness for β; its gradient through the
/// adjoint PT solve the runtime derives from the residual kernels. Every forward solve grows the
/// ice from none, as in the published script: the steady state this model reaches depends on where
/// it starts (an ice-free cell beside the margin stays bare unless the ice flowing in outpaces its
/// ablation), so starting from the last state would make J depend on the path of the inversion.
/// </summary>
public sealed class IceObjective : IGradientAfterCost, IDisposable
{
    private readonly IceCase _case;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly Field<double> _dJdH, _gradient;
    private readonly double[] _observed;

    public IceObjective(IceCase c, double[] observed)
    {
        _case = c;
        _observed = observed;
        _problem = c.Problem();
        _adjoint = new AdjointSolver<double>(_problem);
        _dJdH = c.Backend.Allocate<double>(c.N, c.N);
        _gradient = c.Backend.Allocate<double>(c.N, c.N);
    }

    public SolveResult? LastForward { get; private set; }
    public SolveResult? LastAdjoint { get; private set; }
    public int Solves { get; private set; }
    public int AdjointSolves { get; private set; }
    public long ForwardIterations { get; private set; }
    public long AdjointIterations { get; private set; }
    public int Unconverged { get; private set; }

    public double Cost(double[] beta)
    {
        Solve(beta);
        return 0.5 * Misfit().Sum(r => r * r);
    }

    public double CostAndGradient(double[] beta, double[] gradient)
    {
        double cost = Cost(beta);
        GradientAtLastCost(gradient);
        return cost;
    }

    /// <summary>dJ/dβ at the β of the last <see cref="Cost"/> call: one adjoint solve about the steady state it reached.</summary>
    public void GradientAtLastCost(double[] gradient)
    {
        if (Solves == 0) throw new InvalidOperationException("GradientAtLastCost needs a Cost call first.");
        _dJdH.CopyFromHost(Misfit());   // ∂J/∂H = H − H_obs
        LastAdjoint = _adjoint.Solve([null, _dJdH], _case.AdjointSteps(), _case.AdjointOptions, warmStart: true);
        AdjointSolves++;
        AdjointIterations += LastAdjoint.Iterations;
        Count(LastAdjoint, "adjoint");
        _adjoint.Gradient([_gradient]);
        _gradient.CopyToHost(gradient);
    }

    /// <summary>Solves the forward problem for β from no ice.</summary>
    public void Solve(double[] beta)
    {
        Solves++;
        _case.Beta.CopyFromHost(beta);
        _case.Reset();
        LastForward = PseudoTransientSolver.Solve(_problem, _case.ForwardOptions);
        ForwardIterations += LastForward.Iterations;
        Count(LastForward, "forward");
    }

    /// <summary>H − H_obs at every cell, from the last solve.</summary>
    private double[] Misfit()
    {
        var h = _case.H.ToArray();
        for (int i = 0; i < h.Length; i++) h[i] -= _observed[i];
        return h;
    }

    private void Count(SolveResult result, string kind)
    {
        if (result.Converged) return;
        Unconverged++;
        Console.WriteLine($"  warning: {kind} solve not converged ({result})");
    }

    public void Dispose()
    {
        _adjoint.Dispose();
        _dJdH.Dispose();
        _gradient.Dispose();
    }
}
