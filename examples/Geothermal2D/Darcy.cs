using Stencil;
using static Stencil.FiniteDifferences2D;

namespace Geothermal2D;

/// <summary>Steady Darcy flow on a staggered grid, and the smoothing of the gradient: the whole physics of the case.</summary>
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

    /// <summary>One explicit diffusion pass on inner points: the published regularisation of the gradient.</summary>
    [Stencil]
    static void Smooth(Field<double> A2, Field<double> A)
    {
        Inn(A2) = Inn(A) + 0.2 * (D2Xi(A) + D2Yi(A));
    }
}
