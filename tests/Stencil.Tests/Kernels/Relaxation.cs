using Stencil;
using static Stencil.Indices;

namespace Stencil.Tests.Kernels;

/// <summary>
/// Residuals that read their state only where they write: their pseudo-time steps can be taken
/// inside the kernel (<c>StepsInKernels</c>). R = U·(1 + F²) − (sum of F's neighbours) has the root
/// U = (sum of neighbours) / (1 + F²), which the iteration U ← U − D R approaches.
/// </summary>
public static partial class Relaxation
{
    /// <summary>1D, inner points.</summary>
    [Stencil]
    static void Residual1D(Field<double> R, Field<double> U, Field<double> F)
    {
        R[Ix + 1] = U[Ix + 1] * (1.0 + F[Ix + 1] * F[Ix + 1]) - (F[Ix] + F[Ix + 2]);
    }

    /// <summary>3D in single precision, with neighbours along every axis (along y it also writes the first point: every y index is +1 or more).</summary>
    [Stencil]
    static void Residual3D(Field<float> R, Field<float> U, Field<float> F)
    {
        R[Ix + 1, Iy + 1, Iz + 1] = U[Ix + 1, Iy + 1, Iz + 1] * (1f + F[Ix + 1, Iy + 1, Iz + 1] * F[Ix + 1, Iy + 1, Iz + 1])
            - (F[Ix, Iy + 1, Iz + 1] + F[Ix + 1, Iy + 2, Iz + 1] + F[Ix + 1, Iy + 1, Iz]);
    }
}
