namespace Stencil;

/// <summary>
/// An objective that can give the gradient after its cost: <see cref="GradientAtLastCost"/> writes
/// dJ/dm at the parameters of the last <see cref="IObjective.Cost"/> call, from the forward
/// solution that call left. A line search then solves the adjoint problem only for the step it
/// accepts, not for every trial it rejects.
/// </summary>
public interface IGradientAfterCost : IObjective
{
    /// <summary>Writes dJ/dm at the parameters of the last <see cref="IObjective.Cost"/> call into <paramref name="gradient"/>.</summary>
    void GradientAtLastCost(double[] gradient);
}
