using Stencil;
using static Stencil.Indices;

namespace PowerLaw1D;

/// <summary>
/// The physics: steady power-law diffusion with an exponent field n,
/// R_i = (H_{i-1}^(n_{i-1}+1) - 2 H_i^(n_i+1) + H_{i+1}^(n_{i+1}+1)) / dx² / (n_i + 1) on inner points,
/// iterated to R = 0 by the damped (second-order) pseudo-transient method: a rate V relaxes towards
/// R, and H moves with V. Both end points of H are fixed (Dirichlet).
/// </summary>
public static partial class PowerLaw
{
    /// <summary>The rate's residual RV = V - R(H, n): a step V ← V - d RV is V ← (1 - d) V + d R.</summary>
    [Stencil]
    static void RateResidual(Field<double> RV, Field<double> V, Field<double> H, Field<double> N, double dx)
    {
        RV[Ix + 1] = V[Ix + 1]
            - (Math.Pow(H[Ix], N[Ix] + 1) - 2 * Math.Pow(H[Ix + 1], N[Ix + 1] + 1) + Math.Pow(H[Ix + 2], N[Ix + 2] + 1)) / (dx * dx) / (N[Ix + 1] + 1);
    }

    /// <summary>H's residual RH = -V on inner points: a step H ← H - τ RH is H ← H + τ V.</summary>
    [Stencil]
    static void ThicknessResidual(Field<double> RH, Field<double> V)
    {
        if (Ix >= 1 && Ix <= V.Nx - 2)
            RH[Ix] = -V[Ix];
    }
}
