using Stencil;
using static Stencil.FiniteDifferences2D;
using static Stencil.Indices;

namespace Stencil.Tests.Kernels;

/// <summary>Nonlinear and non-smooth kernels for reverse-mode tests.</summary>
public static partial class Nonlinear
{
    /// <summary>Shallow-ice-like non-smooth residual: Min/Max/Abs and a mask on ice-free cells (as in the shallow-ice case).</summary>
    [Stencil]
    static void MassBalance(Field<double> R, Field<double> H, Field<double> B, Field<double> beta, double ela, double cap)
    {
        var s = All(B) + All(H);
        var mb = Math.Min(All(beta) * (s - ela), cap);
        All(R) = All(H) > 0 ? Math.Max(mb, -All(H)) + 0.1 * Math.Abs(s - ela) : mb;
    }

    /// <summary>Two pointwise in-place updates in one kernel (both adjoints are replaced, not accumulated).</summary>
    [Stencil]
    static void Relax(Field<double> H, Field<double> R, Field<double> Q, double dt)
    {
        All(H) = All(H) - dt * Math.Tanh(All(R)) * All(H);
        All(R) = 0.5 * All(R) + Math.Sin(All(Q)) * All(R);
    }

    /// <summary>
    /// A local that reads H at one offset through an operator and an index (a stencil window and a
    /// point: two derivative bindings of one name, numbered apart), and a local whose derivative
    /// repeats the face average and its square (shared by the generator).
    /// </summary>
    [Stencil]
    static void SharedReads(Field<double> R, Field<double> H, double dx)
    {
        var q = D2Xi(H) * H[Ix, Iy + 1] / (dx * dx);
        var f = Math.Pow(0.5 * (q + H[Ix + 1, Iy + 1]), 3) * (q - H[Ix + 1, Iy + 1]);
        Inn(R) = f + Inn(H);
    }

    /// <summary>
    /// A product of sums over eight neighbours, as a 3D kernel with a nonlinear coefficient
    /// computed into a local has. Each block of its gathers needs the locals at the point it reads,
    /// so the blocks bind the same names to different values (the SIMD gathers name them apart);
    /// its gather of U loads 74 elements per vector, more than registers hold
    /// (<c>VectorWidths.RegisterLoads</c>).
    /// </summary>
    [Stencil]
    static void NeighbourSums(Field<double> R, Field<double> U, Field<double> V)
    {
        var su = U[Ix + 1, Iy + 1, Iz + 1] * 1.0 + U[Ix + 1, Iy + 1, Iz] * 2.0 + U[Ix + 1, Iy, Iz + 1] * 3.0 + U[Ix, Iy + 1, Iz + 1] * 4.0
            + U[Ix + 2, Iy + 1, Iz + 1] * 5.0 + U[Ix + 1, Iy + 2, Iz + 1] * 6.0 + U[Ix + 1, Iy + 1, Iz + 2] * 7.0 + U[Ix + 1, Iy, Iz] * 8.0;
        var sv = V[Ix + 1, Iy + 1, Iz + 1] * 8.5 + V[Ix + 1, Iy + 1, Iz] * 7.5 + V[Ix + 1, Iy, Iz + 1] * 6.5 + V[Ix, Iy + 1, Iz + 1] * 5.5
            + V[Ix + 2, Iy + 1, Iz + 1] * 4.5 + V[Ix + 1, Iy + 2, Iz + 1] * 3.5 + V[Ix + 1, Iy + 1, Iz + 2] * 2.5 + V[Ix + 1, Iy, Iz] * 1.5;
        R[Ix + 1, Iy + 1, Iz + 1] = su * su * sv;
    }

    /// <summary>
    /// Two polynomials of degree 9 in Horner form, in U at two x points, with 18 distinct
    /// coefficients and a scalar: more broadcast values per SIMD body than
    /// <c>VectorWidths.RegisterBroadcasts</c>, so the least used are broadcast where used.
    /// </summary>
    [Stencil]
    static void Polynomials(Field<double> R, Field<double> U, double a)
    {
        var p = U[Ix + 1, Iy + 1, Iz + 1];
        var q = U[Ix + 2, Iy + 1, Iz + 1];
        var hp = (((((((((0.11 * p - 0.12) * p + 0.13) * p - 0.14) * p + 0.15) * p - 0.16) * p + 0.17) * p - 0.18) * p + 0.19) * p + a);
        var hq = ((((((((0.21 * q + 0.22) * q - 0.23) * q + 0.24) * q - 0.25) * q + 0.26) * q - 0.27) * q + 0.28) * q - 0.29) * q;
        R[Ix + 1, Iy + 1, Iz + 1] = hp * hq;
    }

    /// <summary>
    /// Face fluxes in 2D with the east flux written first and a lane-by-lane power (exponent 2.5):
    /// the SIMD loops compute <c>qe</c> and carry <c>qw</c> from the <c>qe</c> of the vector before
    /// (the generator's <c>CarriedBindings</c>), the other order than the benchmark residual's
    /// (<c>qxw</c> before <c>qxe</c>). The y flux <c>qs</c> rounds apart from any shifted value and is
    /// computed.
    /// </summary>
    [Stencil]
    static void FaceFluxes(Field<double> R, Field<double> H, double _dx)
    {
        var qe = Math.Pow(0.5 * (H[Ix + 2, Iy + 1] + H[Ix + 1, Iy + 1]), 2.5) * (H[Ix + 2, Iy + 1] - H[Ix + 1, Iy + 1]) * _dx;
        var qs = Math.Pow(0.5 * (H[Ix + 1, Iy + 1] + H[Ix + 1, Iy]), 2.5) * (H[Ix + 1, Iy + 1] - H[Ix + 1, Iy]);
        var qw = Math.Pow(0.5 * (H[Ix + 1, Iy + 1] + H[Ix, Iy + 1]), 2.5) * (H[Ix + 1, Iy + 1] - H[Ix, Iy + 1]) * _dx;
        R[Ix + 1, Iy + 1] = (qe - qw) * _dx - qs + 0.1 * qw * qw;
    }

    /// <summary>
    /// Face fluxes divided by the spacings, computed with reciprocals (MultiplyByReciprocals): every
    /// division by a scalar, also through <c>/=</c>, multiplies by its reciprocal; the division by
    /// the field value K stays a division.
    /// </summary>
    [Stencil(MultiplyByReciprocals = true)]
    static void ReciprocalFluxes(Field<double> R, Field<double> H, Field<double> K, double dx, double dy)
    {
        var qe = H[Ix + 2, Iy + 1] * H[Ix + 2, Iy + 1] * (H[Ix + 2, Iy + 1] - H[Ix + 1, Iy + 1]) / dx;
        var qw = H[Ix, Iy + 1] * H[Ix, Iy + 1] * (H[Ix + 1, Iy + 1] - H[Ix, Iy + 1]) / dx;
        var qn = (H[Ix + 1, Iy + 2] - H[Ix + 1, Iy + 1]) / K[Ix + 1, Iy + 1];
        var r = (qe - qw) / dx + qn / dy;
        r /= dy * dy;
        R[Ix + 1, Iy + 1] = r;
    }

    /// <summary>An in-place update under a per-point guard that reads another field (the guard decides where the old value survives).</summary>
    [Stencil]
    static void GuardedRelax(Field<double> H, Field<double> M, Field<double> Q, double dt)
    {
        if (AvXa(M) > 1.0)
            InnX(H) = InnX(H) * (1.0 - dt * Math.Tanh(AvXa(Q)));
    }
}
