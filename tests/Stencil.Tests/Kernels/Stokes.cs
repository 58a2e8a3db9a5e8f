using Stencil;
using static Stencil.Indices;

namespace Stencil.Tests.Kernels;

/// <summary>A large multi-statement kernel, like those users write for Stokes flow.</summary>
public static partial class Stokes
{
    /// <summary>
    /// A pseudo-transient velocity update of 3D Stokes flow with variable viscosity, fused: the
    /// stresses are computed inline from the velocities, so no stress array is stored. Its tangent
    /// and its viscosity gather are the largest CPU kernels here (359 and 474 operations per point):
    /// too large for one JIT-compiled method, their loops get methods of their own
    /// (<c>VectorWidths.MethodWork</c>).
    /// </summary>
    [Stencil]
    static void Velocity(Field<double> Vx2, Field<double> Vy2, Field<double> Vz2, Field<double> Vx, Field<double> Vy, Field<double> Vz,
        Field<double> P, Field<double> Mu, double dt, double _dx, double _dy, double _dz)
    {
        // x-momentum at (Ix+1, Iy+1, Iz+1)
        var exxE = (Vx[Ix + 2, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz + 1]) * _dx;
        var exxW = (Vx[Ix + 1, Iy + 1, Iz + 1] - Vx[Ix, Iy + 1, Iz + 1]) * _dx;
        var divE = exxE + (Vy[Ix + 1, Iy + 2, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz + 1]) * _dy + (Vz[Ix + 1, Iy + 1, Iz + 2] - Vz[Ix + 1, Iy + 1, Iz + 1]) * _dz;
        var divW = exxW + (Vy[Ix, Iy + 2, Iz + 1] - Vy[Ix, Iy + 1, Iz + 1]) * _dy + (Vz[Ix, Iy + 1, Iz + 2] - Vz[Ix, Iy + 1, Iz + 1]) * _dz;
        var txxE = 2.0 * Mu[Ix + 1, Iy + 1, Iz + 1] * (exxE - divE / 3.0);
        var txxW = 2.0 * Mu[Ix, Iy + 1, Iz + 1] * (exxW - divW / 3.0);
        var txyN = 0.25 * (Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix, Iy + 2, Iz + 1] + Mu[Ix + 1, Iy + 2, Iz + 1])
            * ((Vx[Ix + 1, Iy + 2, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz + 1]) * _dy + (Vy[Ix + 1, Iy + 2, Iz + 1] - Vy[Ix, Iy + 2, Iz + 1]) * _dx);
        var txyS = 0.25 * (Mu[Ix, Iy, Iz + 1] + Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vx[Ix + 1, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy, Iz + 1]) * _dy + (Vy[Ix + 1, Iy + 1, Iz + 1] - Vy[Ix, Iy + 1, Iz + 1]) * _dx);
        var txzT = 0.25 * (Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix, Iy + 1, Iz + 2] + Mu[Ix + 1, Iy + 1, Iz + 2])
            * ((Vx[Ix + 1, Iy + 1, Iz + 2] - Vx[Ix + 1, Iy + 1, Iz + 1]) * _dz + (Vz[Ix + 1, Iy + 1, Iz + 2] - Vz[Ix, Iy + 1, Iz + 2]) * _dx);
        var txzB = 0.25 * (Mu[Ix, Iy + 1, Iz] + Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vx[Ix + 1, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz]) * _dz + (Vz[Ix + 1, Iy + 1, Iz + 1] - Vz[Ix, Iy + 1, Iz + 1]) * _dx);
        Vx2[Ix + 1, Iy + 1, Iz + 1] = Vx[Ix + 1, Iy + 1, Iz + 1] + dt * ((txxE - txxW) * _dx + (txyN - txyS) * _dy + (txzT - txzB) * _dz
            - (P[Ix + 1, Iy + 1, Iz + 1] - P[Ix, Iy + 1, Iz + 1]) * _dx);

        // y-momentum
        var eyyN = (Vy[Ix + 1, Iy + 2, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz + 1]) * _dy;
        var eyyS = (Vy[Ix + 1, Iy + 1, Iz + 1] - Vy[Ix + 1, Iy, Iz + 1]) * _dy;
        var divN = eyyN + (Vx[Ix + 2, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz + 1]) * _dx + (Vz[Ix + 1, Iy + 1, Iz + 2] - Vz[Ix + 1, Iy + 1, Iz + 1]) * _dz;
        var divS = eyyS + (Vx[Ix + 2, Iy, Iz + 1] - Vx[Ix + 1, Iy, Iz + 1]) * _dx + (Vz[Ix + 1, Iy, Iz + 2] - Vz[Ix + 1, Iy, Iz + 1]) * _dz;
        var tyyN = 2.0 * Mu[Ix + 1, Iy + 1, Iz + 1] * (eyyN - divN / 3.0);
        var tyyS = 2.0 * Mu[Ix + 1, Iy, Iz + 1] * (eyyS - divS / 3.0);
        var tyxE = 0.25 * (Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix + 2, Iy, Iz + 1] + Mu[Ix + 2, Iy + 1, Iz + 1])
            * ((Vy[Ix + 2, Iy + 1, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz + 1]) * _dx + (Vx[Ix + 2, Iy + 1, Iz + 1] - Vx[Ix + 2, Iy, Iz + 1]) * _dy);
        var tyxW = 0.25 * (Mu[Ix, Iy, Iz + 1] + Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vy[Ix + 1, Iy + 1, Iz + 1] - Vy[Ix, Iy + 1, Iz + 1]) * _dx + (Vx[Ix + 1, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy, Iz + 1]) * _dy);
        var tyzT = 0.25 * (Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy, Iz + 2] + Mu[Ix + 1, Iy + 1, Iz + 2])
            * ((Vy[Ix + 1, Iy + 1, Iz + 2] - Vy[Ix + 1, Iy + 1, Iz + 1]) * _dz + (Vz[Ix + 1, Iy + 1, Iz + 2] - Vz[Ix + 1, Iy, Iz + 2]) * _dy);
        var tyzB = 0.25 * (Mu[Ix + 1, Iy, Iz] + Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vy[Ix + 1, Iy + 1, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz]) * _dz + (Vz[Ix + 1, Iy + 1, Iz + 1] - Vz[Ix + 1, Iy, Iz + 1]) * _dy);
        Vy2[Ix + 1, Iy + 1, Iz + 1] = Vy[Ix + 1, Iy + 1, Iz + 1] + dt * ((tyyN - tyyS) * _dy + (tyxE - tyxW) * _dx + (tyzT - tyzB) * _dz
            - (P[Ix + 1, Iy + 1, Iz + 1] - P[Ix + 1, Iy, Iz + 1]) * _dy);

        // z-momentum
        var ezzT = (Vz[Ix + 1, Iy + 1, Iz + 2] - Vz[Ix + 1, Iy + 1, Iz + 1]) * _dz;
        var ezzB = (Vz[Ix + 1, Iy + 1, Iz + 1] - Vz[Ix + 1, Iy + 1, Iz]) * _dz;
        var divT = ezzT + (Vx[Ix + 2, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz + 1]) * _dx + (Vy[Ix + 1, Iy + 2, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz + 1]) * _dy;
        var divB = ezzB + (Vx[Ix + 2, Iy + 1, Iz] - Vx[Ix + 1, Iy + 1, Iz]) * _dx + (Vy[Ix + 1, Iy + 2, Iz] - Vy[Ix + 1, Iy + 1, Iz]) * _dy;
        var tzzT = 2.0 * Mu[Ix + 1, Iy + 1, Iz + 1] * (ezzT - divT / 3.0);
        var tzzB = 2.0 * Mu[Ix + 1, Iy + 1, Iz] * (ezzB - divB / 3.0);
        var tzxE = 0.25 * (Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix + 2, Iy + 1, Iz] + Mu[Ix + 2, Iy + 1, Iz + 1])
            * ((Vz[Ix + 2, Iy + 1, Iz + 1] - Vz[Ix + 1, Iy + 1, Iz + 1]) * _dx + (Vx[Ix + 2, Iy + 1, Iz + 1] - Vx[Ix + 2, Iy + 1, Iz]) * _dz);
        var tzxW = 0.25 * (Mu[Ix, Iy + 1, Iz] + Mu[Ix, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vz[Ix + 1, Iy + 1, Iz + 1] - Vz[Ix, Iy + 1, Iz + 1]) * _dx + (Vx[Ix + 1, Iy + 1, Iz + 1] - Vx[Ix + 1, Iy + 1, Iz]) * _dz);
        var tzyN = 0.25 * (Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix + 1, Iy + 1, Iz + 1] + Mu[Ix + 1, Iy + 2, Iz] + Mu[Ix + 1, Iy + 2, Iz + 1])
            * ((Vz[Ix + 1, Iy + 2, Iz + 1] - Vz[Ix + 1, Iy + 1, Iz + 1]) * _dy + (Vy[Ix + 1, Iy + 2, Iz + 1] - Vy[Ix + 1, Iy + 2, Iz]) * _dz);
        var tzyS = 0.25 * (Mu[Ix + 1, Iy, Iz] + Mu[Ix + 1, Iy, Iz + 1] + Mu[Ix + 1, Iy + 1, Iz] + Mu[Ix + 1, Iy + 1, Iz + 1])
            * ((Vz[Ix + 1, Iy + 1, Iz + 1] - Vz[Ix + 1, Iy, Iz + 1]) * _dy + (Vy[Ix + 1, Iy + 1, Iz + 1] - Vy[Ix + 1, Iy + 1, Iz]) * _dz);
        Vz2[Ix + 1, Iy + 1, Iz + 1] = Vz[Ix + 1, Iy + 1, Iz + 1] + dt * ((tzzT - tzzB) * _dz + (tzxE - tzxW) * _dx + (tzyN - tzyS) * _dy
            - (P[Ix + 1, Iy + 1, Iz + 1] - P[Ix + 1, Iy + 1, Iz]) * _dz);
    }
}
