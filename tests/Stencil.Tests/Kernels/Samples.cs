using Stencil;

namespace Stencil.Tests.Kernels;

/// <summary>Representative kernels: 3D operator form, 1D and 2D index form, boundary conditions, float, locals and branches.</summary>
public static partial class Samples
{
    /// <summary>ParallelStencil's README 3D heat diffusion step.</summary>
    [Stencil]
    static void Diffusion3D(Field<double> T2, Field<double> T, Field<double> Ci, double lam, double dt, double dx, double dy, double dz)
    {
        FiniteDifferences3D.Inn(T2) = FiniteDifferences3D.Inn(T) + dt * (lam * FiniteDifferences3D.Inn(Ci) *
            (FiniteDifferences3D.D2Xi(T) / (dx * dx) + FiniteDifferences3D.D2Yi(T) / (dy * dy) + FiniteDifferences3D.D2Zi(T) / (dz * dz)));
    }

    /// <summary>The power-law residual of Reuber et al. (2020), index form with a field exponent.</summary>
    [Stencil]
    static void PowerLawResidual(Field<double> R, Field<double> H, Field<double> n, double dx)
    {
        R[Indices.Ix + 1] = (Math.Pow(H[Indices.Ix], n[Indices.Ix] + 1) - 2 * Math.Pow(H[Indices.Ix + 1], n[Indices.Ix + 1] + 1)
            + Math.Pow(H[Indices.Ix + 2], n[Indices.Ix + 2] + 1)) / (dx * dx) / (n[Indices.Ix + 1] + 1);
    }

    /// <summary>Zero-flux boundaries in x: copy the neighbour into the first and last column.</summary>
    [Stencil]
    static void BoundaryX(Field<double> A)
    {
        if (Indices.Ix == 0) A[Indices.Ix, Indices.Iy] = A[Indices.Ix + 1, Indices.Iy];
        if (Indices.Ix == A.Nx - 1) A[Indices.Ix, Indices.Iy] = A[Indices.Ix - 1, Indices.Iy];
    }

    /// <summary>Single precision, a pointwise in-place update and MathF.</summary>
    [Stencil]
    static void ScaledUpdate(Field<float> H, Field<float> R, float dt)
    {
        FiniteDifferences2D.All(H) += dt * MathF.Sqrt(MathF.Abs(FiniteDifferences2D.All(R)));
    }

    /// <summary>
    /// A reach of 6 points along x: the adjoint's vectors start 6 points into a row, more than one
    /// 256-bit vector from its start, so the gather runs the points left of its end vector, and
    /// those right of the other, one by one.
    /// </summary>
    [Stencil]
    static void WideReach(Field<double> R, Field<double> A)
    {
        R[Indices.Ix, Indices.Iy] = A[Indices.Ix, Indices.Iy] * A[Indices.Ix + 6, Indices.Iy];
    }

    /// <summary>Locals reassigned in branches, a ternary, Min/Max and a per-point guard.</summary>
    [Stencil]
    static void Limiter(Field<double> F, Field<double> K, Field<double> M, double cap)
    {
        var k = FiniteDifferences2D.AvXa(K);
        if (k > 1.0)
            k = k * 2;
        else
            k = Math.Max(k, 0.25);
        var limited = k > cap ? cap : k;
        if (FiniteDifferences2D.AvXa(M) > 0)
            FiniteDifferences2D.All(F) = Math.Min(limited, 10.0) - FiniteDifferences2D.DXa(K);
    }

    /// <summary>A power, a root and a clamp whose partial derivatives have limits at 0 that their formulas do not evaluate.</summary>
    [Stencil]
    static void PowersAtZero(Field<double> R, Field<double> H, Field<double> n)
    {
        var h = H[Indices.Ix];
        R[Indices.Ix] = Math.Pow(h, n[Indices.Ix]) + Math.Sqrt(h * h * h * h) + Math.Clamp(h, 0.25, 1.5);
    }

    /// <summary>A copy that deliberately reads the low corner of a larger field.</summary>
    [Stencil(ExactExtents = false)]
    static void CornerCopy(Field<double> R, Field<double> A)
    {
        FiniteDifferences2D.All(R) = FiniteDifferences2D.All(A);
    }

    /// <summary>The same copy with exact extents (the default).</summary>
    [Stencil]
    static void ExactCopy(Field<double> R, Field<double> A)
    {
        FiniteDifferences2D.All(R) = FiniteDifferences2D.All(A);
    }
}
