using static Stencil.Indices;

namespace Stencil.Tests.Kernels;

/// <summary>An index-form statement whose every index is Ix + 1: it also runs at Ix = -1 (STENCIL019, silenced here to test what it says).</summary>
public static partial class Shifted
{
#pragma warning disable STENCIL019
    [Stencil]
    static void Negate(Field<double> R, Field<double> V)
    {
        if (Ix <= V.Nx - 3)
            R[Ix + 1] = -V[Ix + 1];
    }
#pragma warning restore STENCIL019
}
