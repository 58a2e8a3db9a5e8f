using Stencil;
using static Stencil.FiniteDifferences3D;

namespace Geothermal3D;

/// <summary>Steady Darcy flow on a staggered 3D grid, and the smoothing of the inversion: the whole physics of the case.</summary>
public static partial class Darcy3D
{
    /// <summary>Rq = q + K ∇Pf on inner faces; boundary faces stay 0 (no flux).</summary>
    [Stencil]
    static void ResidualFluxes(Field<double> Rqx, Field<double> Rqy, Field<double> Rqz, Field<double> qx, Field<double> qy, Field<double> qz,
                               Field<double> Pf, Field<double> K, double dx, double dy, double dz)
    {
        InnX(Rqx) = InnX(qx) + AvXa(K) * DXa(Pf) / dx;
        InnY(Rqy) = InnY(qy) + AvYa(K) * DYa(Pf) / dy;
        InnZ(Rqz) = InnZ(qz) + AvZa(K) * DZa(Pf) / dz;
    }

    /// <summary>RPf = ∇·q − Qf at cell centres.</summary>
    [Stencil]
    static void ResidualPressure(Field<double> RPf, Field<double> qx, Field<double> qy, Field<double> qz, Field<double> Qf, double dx, double dy, double dz)
    {
        All(RPf) = DXa(qx) / dx + DYa(qy) / dy + DZa(qz) / dz - All(Qf);
    }

    /// <summary>One explicit diffusion pass on inner points (0.1 &lt; 1/6: stable in 3D).</summary>
    [Stencil]
    static void Smooth(Field<double> A2, Field<double> A)
    {
        Inn(A2) = Inn(A) + 0.1 * (D2Xi(A) + D2Yi(A) + D2Zi(A));
    }
}
