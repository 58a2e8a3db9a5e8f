using Stencil;
using static Stencil.FiniteDifferences2D;

namespace Geothermal2D;

/// <summary>The gradient smoothing of the published case.</summary>
public static partial class Regularisation
{
    /// <summary>One explicit diffusion pass on inner points.</summary>
    [Stencil]
    static void Smooth(Field<double> A2, Field<double> A)
    {
        Inn(A2) = Inn(A) + 0.2 * (D2Xi(A) + D2Yi(A));
    }
}
