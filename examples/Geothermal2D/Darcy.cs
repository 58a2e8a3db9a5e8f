using Stencil;
using static Stencil.FiniteDifferences2D;

namespace Geothermal2D;

/// <summary>Steady Darcy flow on a staggered grid: the whole physics of the case.</summary>
public static partial class Darcy
{
    /// <summary>Rq = q + K ∇Pf on inner faces; boundary faces stay 0 (no flux).</summary>
    [Stencil]
    static void ResidualFluxes(Field<double> Rqx, Field<double> Rqy, Field<double> qx, Field<double> qy, Field<double> Pf, Field<double> K,
                               double dx, double dy)
    {
        InnX(Rqx) = InnX(qx) + AvXa(K) * DXa(Pf) / dx;
        InnY(Rqy) = InnY(qy) + AvYa(K) * DYa(Pf) / dy;
    }

    /// <summary>RPf = ∇·q − Qf at cell centres.</summary>
    [Stencil]
    static void ResidualPressure(Field<double> RPf, Field<double> qx, Field<double> qy, Field<double> Qf, double dx, double dy)
    {
        All(RPf) = DXa(qx) / dx + DYa(qy) / dy - All(Qf);
    }
}
