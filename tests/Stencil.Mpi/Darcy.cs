using static Stencil.FiniteDifferences2D;

namespace Stencil.Mpi;

/// <summary>Steady Darcy flow on a staggered grid: the residuals the distributed solver tests run.</summary>
public static partial class Darcy
{
    [Stencil]
    static void ResidualFluxes(Field<double> Rqx, Field<double> Rqy, Field<double> qx, Field<double> qy, Field<double> Pf, Field<double> K,
                               double dx, double dy)
    {
        InnX(Rqx) = InnX(qx) + AvXa(K) * DXa(Pf) / dx;
        InnY(Rqy) = InnY(qy) + AvYa(K) * DYa(Pf) / dy;
    }

    [Stencil]
    static void ResidualPressure(Field<double> RPf, Field<double> qx, Field<double> qy, Field<double> Qf, double dx, double dy)
    {
        All(RPf) = DXa(qx) / dx + DYa(qy) / dy - All(Qf);
    }
}
