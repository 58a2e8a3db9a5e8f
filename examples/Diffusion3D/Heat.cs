using Stencil;
using static Stencil.FiniteDifferences3D;

namespace Diffusion3D;

/// <summary>The physics: ParallelStencil's README 3D heat diffusion step, and a copy used as the bandwidth reference.</summary>
public static partial class Heat
{
    [Stencil]
    static void Step(Field<double> T2, Field<double> T, Field<double> Ci, double lam, double dt, double dx, double dy, double dz)
    {
        Inn(T2) = Inn(T) + dt * (lam * Inn(Ci) * (D2Xi(T) / (dx * dx) + D2Yi(T) / (dy * dy) + D2Zi(T) / (dz * dz)));
    }

    [Stencil]
    static void Copy(Field<double> B, Field<double> A)
    {
        All(B) = All(A);
    }
}
