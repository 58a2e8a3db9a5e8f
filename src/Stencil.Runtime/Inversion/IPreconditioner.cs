namespace Stencil;

/// <summary>
/// An operator P applied to gradients: the optimisers step along −P g instead of −g, and L-BFGS starts
/// its inverse-Hessian approximation from a multiple of P. A smoothing operator makes it a
/// regularisation: every step is smooth, while the objective and its gradient stay the true J and
/// ∇J, so line searches and Taylor tests see the function being minimised. P must be symmetric
/// positive definite for −P g to be a descent direction.
/// </summary>
public interface IPreconditioner
{
    /// <summary>Writes P <paramref name="gradient"/> into <paramref name="result"/> (distinct arrays of equal length).</summary>
    void Apply(double[] gradient, double[] result);
}
