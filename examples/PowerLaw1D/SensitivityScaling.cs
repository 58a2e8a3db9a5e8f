using Stencil;

namespace PowerLaw1D;

/// <summary>
/// The optimiser's preconditioner: the inverse of the Gauss-Newton Hessian's diagonal. The residuals
/// make H^(n+1) linear in x, so a change of n_i moves H_i by about -H_i ln H_i δn_i / (n_i + 1), and
/// barely anywhere else: J's curvature along n_i is about (H_i ln H_i / (n_i + 1))², which spans three
/// and a half orders of magnitude from the left end, where H is close to 1, to the right. Scaled by
/// P_i = 1 / (H_i ln H_i)² with the observed H, the n_i converge at about the same rate.
/// </summary>
public sealed class SensitivityScaling(double[] observedInner) : IPreconditioner
{
    private readonly double[] _scale = observedInner.Select(h => 1 / Math.Max(h * Math.Log(h) * (h * Math.Log(h)), 1e-12)).ToArray();

    public void Apply(double[] gradient, double[] result)
    {
        for (int i = 0; i < gradient.Length; i++) result[i] = _scale[i] * gradient[i];
    }
}
