using Stencil;
using static Stencil.Indices;

namespace Stencil.Benchmarks;

/// <summary>Benchmark kernels.</summary>
public static partial class Kernels
{
    /// <summary>3D nonlinear diffusion residual, D = H^3 averaged on faces (flux form, PseudoTransientDiffusion.jl).</summary>
    [Stencil]
    static void NonlinearDiffusion3D(Field<double> R, Field<double> H, double dx, double dy, double dz)
    {
        var c = H[Ix + 1, Iy + 1, Iz + 1];
        var qxw = Math.Pow(0.5 * (c + H[Ix, Iy + 1, Iz + 1]), 3) * (c - H[Ix, Iy + 1, Iz + 1]) / dx;
        var qxe = Math.Pow(0.5 * (H[Ix + 2, Iy + 1, Iz + 1] + c), 3) * (H[Ix + 2, Iy + 1, Iz + 1] - c) / dx;
        var qys = Math.Pow(0.5 * (c + H[Ix + 1, Iy, Iz + 1]), 3) * (c - H[Ix + 1, Iy, Iz + 1]) / dy;
        var qyn = Math.Pow(0.5 * (H[Ix + 1, Iy + 2, Iz + 1] + c), 3) * (H[Ix + 1, Iy + 2, Iz + 1] - c) / dy;
        var qzb = Math.Pow(0.5 * (c + H[Ix + 1, Iy + 1, Iz]), 3) * (c - H[Ix + 1, Iy + 1, Iz]) / dz;
        var qzt = Math.Pow(0.5 * (H[Ix + 1, Iy + 1, Iz + 2] + c), 3) * (H[Ix + 1, Iy + 1, Iz + 2] - c) / dz;
        R[Ix + 1, Iy + 1, Iz + 1] = (qxe - qxw) / dx + (qyn - qys) / dy + (qzt - qzb) / dz;
    }

    /// <summary>The residual as written above, with its divisions by the spacings made multiplications by their reciprocals (see <see cref="StencilAttribute.MultiplyByReciprocals"/>).</summary>
    [Stencil(MultiplyByReciprocals = true)]
    static void NonlinearDiffusion3DReciprocals(Field<double> R, Field<double> H, double dx, double dy, double dz)
    {
        var c = H[Ix + 1, Iy + 1, Iz + 1];
        var qxw = Math.Pow(0.5 * (c + H[Ix, Iy + 1, Iz + 1]), 3) * (c - H[Ix, Iy + 1, Iz + 1]) / dx;
        var qxe = Math.Pow(0.5 * (H[Ix + 2, Iy + 1, Iz + 1] + c), 3) * (H[Ix + 2, Iy + 1, Iz + 1] - c) / dx;
        var qys = Math.Pow(0.5 * (c + H[Ix + 1, Iy, Iz + 1]), 3) * (c - H[Ix + 1, Iy, Iz + 1]) / dy;
        var qyn = Math.Pow(0.5 * (H[Ix + 1, Iy + 2, Iz + 1] + c), 3) * (H[Ix + 1, Iy + 2, Iz + 1] - c) / dy;
        var qzb = Math.Pow(0.5 * (c + H[Ix + 1, Iy + 1, Iz]), 3) * (c - H[Ix + 1, Iy + 1, Iz]) / dz;
        var qzt = Math.Pow(0.5 * (H[Ix + 1, Iy + 1, Iz + 2] + c), 3) * (H[Ix + 1, Iy + 1, Iz + 2] - c) / dz;
        R[Ix + 1, Iy + 1, Iz + 1] = (qxe - qxw) / dx + (qyn - qys) / dy + (qzt - qzb) / dz;
    }

    /// <summary>The same residual written with inverse spacings (<c>_dx = 1 / dx</c>), as ParallelStencil's miniapps write it: multiplications instead of divisions.</summary>
    [Stencil]
    static void NonlinearDiffusion3DInverse(Field<double> R, Field<double> H, double _dx, double _dy, double _dz)
    {
        var c = H[Ix + 1, Iy + 1, Iz + 1];
        var qxw = Math.Pow(0.5 * (c + H[Ix, Iy + 1, Iz + 1]), 3) * (c - H[Ix, Iy + 1, Iz + 1]) * _dx;
        var qxe = Math.Pow(0.5 * (H[Ix + 2, Iy + 1, Iz + 1] + c), 3) * (H[Ix + 2, Iy + 1, Iz + 1] - c) * _dx;
        var qys = Math.Pow(0.5 * (c + H[Ix + 1, Iy, Iz + 1]), 3) * (c - H[Ix + 1, Iy, Iz + 1]) * _dy;
        var qyn = Math.Pow(0.5 * (H[Ix + 1, Iy + 2, Iz + 1] + c), 3) * (H[Ix + 1, Iy + 2, Iz + 1] - c) * _dy;
        var qzb = Math.Pow(0.5 * (c + H[Ix + 1, Iy + 1, Iz]), 3) * (c - H[Ix + 1, Iy + 1, Iz]) * _dz;
        var qzt = Math.Pow(0.5 * (H[Ix + 1, Iy + 1, Iz + 2] + c), 3) * (H[Ix + 1, Iy + 1, Iz + 2] - c) * _dz;
        R[Ix + 1, Iy + 1, Iz + 1] = (qxe - qxw) * _dx + (qyn - qys) * _dy + (qzt - qzb) * _dz;
    }
}

/// <summary>The T_eff harness kernels: copies (the bandwidth reference) and ParallelStencil's README heat diffusion.</summary>
public static partial class Harness
{
    [Stencil]
    static void Copy3D(Field<double> B, Field<double> A)
    {
        FiniteDifferences3D.All(B) = FiniteDifferences3D.All(A);
    }

    [Stencil]
    static void Copy2D(Field<double> B, Field<double> A)
    {
        FiniteDifferences2D.All(B) = FiniteDifferences2D.All(A);
    }

    [Stencil]
    static void HeatDiffusion3D(Field<double> T2, Field<double> T, Field<double> Ci, double lam, double dt, double dx, double dy, double dz)
    {
        FiniteDifferences3D.Inn(T2) = FiniteDifferences3D.Inn(T) + dt * lam * FiniteDifferences3D.Inn(Ci) *
            (FiniteDifferences3D.D2Xi(T) / (dx * dx) + FiniteDifferences3D.D2Yi(T) / (dy * dy) + FiniteDifferences3D.D2Zi(T) / (dz * dz));
    }
}
