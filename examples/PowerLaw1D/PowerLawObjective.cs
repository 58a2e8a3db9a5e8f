using Stencil;

namespace PowerLaw1D;

/// <summary>
/// J(n) = ½ Σ_i (H_i − H_obs,i)² through a forward PT solve from H0; its gradient through the
/// adjoint PT solve the runtime derives from the residual kernels. The control is n on the inner
/// points; at the two fixed ends n is known, like H. (The published script instead ties each end to
/// its neighbour. The residuals make H^(n+1) linear in x, so the end exponents set that line and every
/// inner n follows from it through ln H, which is near 0 at the left end: tied, the problem is so
/// ill-conditioned that L-BFGS stalls far from the truth.)
/// </summary>
public sealed class PowerLawObjective : IObjective, IDisposable
{
    private readonly PowerLawCase _case;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly Field<double> _dJdH, _gradient;
    private readonly double[] _observed;

    public PowerLawObjective(PowerLawCase c, double[] observed)
    {
        _case = c;
        _observed = observed;
        _problem = c.Problem();
        _adjoint = new AdjointSolver<double>(_problem);
        _dJdH = c.Backend.Allocate<double>(c.Nx);
        _gradient = c.Backend.Allocate<double>(c.Nx);
    }

    public SolveResult? LastForward { get; private set; }
    public SolveResult? LastAdjoint { get; private set; }
    public int Solves { get; private set; }
    public long ForwardIterations { get; private set; }
    public long AdjointIterations { get; private set; }
    public int Unconverged { get; private set; }

    /// <summary>The exponent field of the control: the inner values between the known ends.</summary>
    public static double[] Exponents(double[] inner) => [PowerLawCase.EndExponent, .. inner, PowerLawCase.EndExponent];

    public double Cost(double[] inner)
    {
        Solve(inner);
        var misfit = Misfit();
        return 0.5 * misfit.Sum(r => r * r);
    }

    public double CostAndGradient(double[] inner, double[] gradient)
    {
        Solve(inner);
        var misfit = Misfit();   // also ∂J/∂H
        double cost = 0.5 * misfit.Sum(r => r * r);
        _dJdH.CopyFromHost(misfit);
        LastAdjoint = _adjoint.Solve([(_case.H, _dJdH)], _case.AdjointOptions, _case.AdjointSteps);
        AdjointIterations += LastAdjoint.Iterations;
        Count(LastAdjoint, "adjoint");
        _adjoint.Gradient((_case.N, _gradient));
        var g = _gradient.ToArray();
        for (int k = 0; k < gradient.Length; k++) gradient[k] = g[k + 1];
        return cost;
    }

    /// <summary>Solves the forward problem for n from H0 at rest.</summary>
    public void Solve(double[] inner)
    {
        Solves++;
        _case.N.CopyFromHost(Exponents(inner));
        _case.Reset();
        LastForward = PseudoTransientSolver.Solve(_problem, _case.ForwardOptions);
        ForwardIterations += LastForward.Iterations;
        Count(LastForward, "forward");
    }

    /// <summary>H − H_obs at every point, from the last solve.</summary>
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
