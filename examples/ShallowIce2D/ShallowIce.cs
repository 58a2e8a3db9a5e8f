using Stencil;
using static Stencil.Indices;

namespace ShallowIce2D;

/// <summary>
/// The physics: the steady shallow-ice ice sheet over a bed B. The thickness H ≥ 0 evolves as
/// ∂H/∂t = R = ∇·(D ∇S) + M with surface S = B + H, diffusivity D = (10⁻⁴ H⁵ + H³) |∇S|² (n = 3)
/// and mass balance M = min(β (S − ELA), cap) with the cap 0.01. D lives on the cell corners, from H averaged over the
/// four cells around a corner and ∇S averaged over the two faces through it; the faces take the
/// mean of their two corners. H is iterated to the steady state by the damped pseudo-transient
/// method of the published script: a rate V relaxes towards R, and H moves with V but never below 0.
/// The boundary cells stay ice-free (H = 0).
/// </summary>
public static partial class ShallowIce
{
    /// <summary>
    /// The rate's residual RV = V − R(H, β) on inner cells: with the step 1 − d, V ← d V + (1 − d) R
    /// (the published damping d).
    /// </summary>
    [Stencil]
    static void RateResidual(Field<double> RV, Field<double> V, Field<double> H, Field<double> B, Field<double> ELA, Field<double> Beta, double dx, double dy, double cap)
    {
        // ∇S on the four faces of the cell (left, right, down, up) and on the faces beside them.
        var sxl = (B[Ix + 1, Iy + 1] + H[Ix + 1, Iy + 1] - B[Ix, Iy + 1] - H[Ix, Iy + 1]) / dx;
        var sxr = (B[Ix + 2, Iy + 1] + H[Ix + 2, Iy + 1] - B[Ix + 1, Iy + 1] - H[Ix + 1, Iy + 1]) / dx;
        var syd = (B[Ix + 1, Iy + 1] + H[Ix + 1, Iy + 1] - B[Ix + 1, Iy] - H[Ix + 1, Iy]) / dy;
        var syu = (B[Ix + 1, Iy + 2] + H[Ix + 1, Iy + 2] - B[Ix + 1, Iy + 1] - H[Ix + 1, Iy + 1]) / dy;
        // ∇S at the four corners (left-down, left-up, right-down, right-up): the mean of the two faces through each.
        var sxld = 0.5 * (sxl + (B[Ix + 1, Iy] + H[Ix + 1, Iy] - B[Ix, Iy] - H[Ix, Iy]) / dx);
        var sxlu = 0.5 * (sxl + (B[Ix + 1, Iy + 2] + H[Ix + 1, Iy + 2] - B[Ix, Iy + 2] - H[Ix, Iy + 2]) / dx);
        var sxrd = 0.5 * (sxr + (B[Ix + 2, Iy] + H[Ix + 2, Iy] - B[Ix + 1, Iy] - H[Ix + 1, Iy]) / dx);
        var sxru = 0.5 * (sxr + (B[Ix + 2, Iy + 2] + H[Ix + 2, Iy + 2] - B[Ix + 1, Iy + 2] - H[Ix + 1, Iy + 2]) / dx);
        var syld = 0.5 * (syd + (B[Ix, Iy + 1] + H[Ix, Iy + 1] - B[Ix, Iy] - H[Ix, Iy]) / dy);
        var sylu = 0.5 * (syu + (B[Ix, Iy + 2] + H[Ix, Iy + 2] - B[Ix, Iy + 1] - H[Ix, Iy + 1]) / dy);
        var syrd = 0.5 * (syd + (B[Ix + 2, Iy + 1] + H[Ix + 2, Iy + 1] - B[Ix + 2, Iy] - H[Ix + 2, Iy]) / dy);
        var syru = 0.5 * (syu + (B[Ix + 2, Iy + 2] + H[Ix + 2, Iy + 2] - B[Ix + 2, Iy + 1] - H[Ix + 2, Iy + 1]) / dy);
        // H at the corners, and D = (1e-4 H^5 + H^3) |∇S|^2 there.
        var hld = 0.25 * (H[Ix, Iy] + H[Ix + 1, Iy] + H[Ix, Iy + 1] + H[Ix + 1, Iy + 1]);
        var hlu = 0.25 * (H[Ix, Iy + 1] + H[Ix + 1, Iy + 1] + H[Ix, Iy + 2] + H[Ix + 1, Iy + 2]);
        var hrd = 0.25 * (H[Ix + 1, Iy] + H[Ix + 2, Iy] + H[Ix + 1, Iy + 1] + H[Ix + 2, Iy + 1]);
        var hru = 0.25 * (H[Ix + 1, Iy + 1] + H[Ix + 2, Iy + 1] + H[Ix + 1, Iy + 2] + H[Ix + 2, Iy + 2]);
        var dld = (1e-4 * hld * hld + 1.0) * hld * hld * hld * (sxld * sxld + syld * syld);
        var dlu = (1e-4 * hlu * hlu + 1.0) * hlu * hlu * hlu * (sxlu * sxlu + sylu * sylu);
        var drd = (1e-4 * hrd * hrd + 1.0) * hrd * hrd * hrd * (sxrd * sxrd + syrd * syrd);
        var dru = (1e-4 * hru * hru + 1.0) * hru * hru * hru * (sxru * sxru + syru * syru);
        // ∇·(D ∇S) with D on each face the mean of its two corners, and the capped mass balance.
        var divergence = (0.5 * (drd + dru) * sxr - 0.5 * (dld + dlu) * sxl) / dx + (0.5 * (dlu + dru) * syu - 0.5 * (dld + drd) * syd) / dy;
        var balance = Math.Min(Beta[Ix + 1, Iy + 1] * (B[Ix + 1, Iy + 1] + H[Ix + 1, Iy + 1] - ELA[Ix + 1, Iy + 1]), cap);
        RV[Ix + 1, Iy + 1] = V[Ix + 1, Iy + 1] - (divergence + balance);
    }

    /// <summary>
    /// H's residual RH = −max(V, −H/T) on inner cells, T being H's local step: the step
    /// H ← H − T RH is the published H ← max(H + T V, 0). At a steady state RH = 0 says R = 0 where
    /// there is ice and R ≤ 0 where there is none (H = 0), and its derivative is the branch taken:
    /// the adjoint lives on the ice, and is 0 off it.
    /// </summary>
    [Stencil]
    static void ThicknessResidual(Field<double> RH, Field<double> V, Field<double> H, Field<double> T)
    {
        if (Ix >= 1 && Ix <= H.Nx - 2 && Iy >= 1 && Iy <= H.Ny - 2)
            RH[Ix, Iy] = -Math.Max(V[Ix, Iy], -H[Ix, Iy] / T[Ix, Iy]);
    }

    /// <summary>
    /// H's local step from the published rule dτ = min(1, cfl / (10⁻² + D_c)) / 2, D_c the mean D of
    /// the cell's four corners, divided by 1 − d because the rate V carries that factor.
    /// </summary>
    [Stencil]
    static void ThicknessStep(Field<double> T, Field<double> H, Field<double> B, double dx, double dy, double cfl, double damping)
    {
        var sxl = (B[Ix + 1, Iy + 1] + H[Ix + 1, Iy + 1] - B[Ix, Iy + 1] - H[Ix, Iy + 1]) / dx;
        var sxr = (B[Ix + 2, Iy + 1] + H[Ix + 2, Iy + 1] - B[Ix + 1, Iy + 1] - H[Ix + 1, Iy + 1]) / dx;
        var syd = (B[Ix + 1, Iy + 1] + H[Ix + 1, Iy + 1] - B[Ix + 1, Iy] - H[Ix + 1, Iy]) / dy;
        var syu = (B[Ix + 1, Iy + 2] + H[Ix + 1, Iy + 2] - B[Ix + 1, Iy + 1] - H[Ix + 1, Iy + 1]) / dy;
        var sxld = 0.5 * (sxl + (B[Ix + 1, Iy] + H[Ix + 1, Iy] - B[Ix, Iy] - H[Ix, Iy]) / dx);
        var sxlu = 0.5 * (sxl + (B[Ix + 1, Iy + 2] + H[Ix + 1, Iy + 2] - B[Ix, Iy + 2] - H[Ix, Iy + 2]) / dx);
        var sxrd = 0.5 * (sxr + (B[Ix + 2, Iy] + H[Ix + 2, Iy] - B[Ix + 1, Iy] - H[Ix + 1, Iy]) / dx);
        var sxru = 0.5 * (sxr + (B[Ix + 2, Iy + 2] + H[Ix + 2, Iy + 2] - B[Ix + 1, Iy + 2] - H[Ix + 1, Iy + 2]) / dx);
        var syld = 0.5 * (syd + (B[Ix, Iy + 1] + H[Ix, Iy + 1] - B[Ix, Iy] - H[Ix, Iy]) / dy);
        var sylu = 0.5 * (syu + (B[Ix, Iy + 2] + H[Ix, Iy + 2] - B[Ix, Iy + 1] - H[Ix, Iy + 1]) / dy);
        var syrd = 0.5 * (syd + (B[Ix + 2, Iy + 1] + H[Ix + 2, Iy + 1] - B[Ix + 2, Iy] - H[Ix + 2, Iy]) / dy);
        var syru = 0.5 * (syu + (B[Ix + 2, Iy + 2] + H[Ix + 2, Iy + 2] - B[Ix + 2, Iy + 1] - H[Ix + 2, Iy + 1]) / dy);
        var hld = 0.25 * (H[Ix, Iy] + H[Ix + 1, Iy] + H[Ix, Iy + 1] + H[Ix + 1, Iy + 1]);
        var hlu = 0.25 * (H[Ix, Iy + 1] + H[Ix + 1, Iy + 1] + H[Ix, Iy + 2] + H[Ix + 1, Iy + 2]);
        var hrd = 0.25 * (H[Ix + 1, Iy] + H[Ix + 2, Iy] + H[Ix + 1, Iy + 1] + H[Ix + 2, Iy + 1]);
        var hru = 0.25 * (H[Ix + 1, Iy + 1] + H[Ix + 2, Iy + 1] + H[Ix + 1, Iy + 2] + H[Ix + 2, Iy + 2]);
        var dc = 0.25 * ((1e-4 * hld * hld + 1.0) * hld * hld * hld * (sxld * sxld + syld * syld)
            + (1e-4 * hlu * hlu + 1.0) * hlu * hlu * hlu * (sxlu * sxlu + sylu * sylu)
            + (1e-4 * hrd * hrd + 1.0) * hrd * hrd * hrd * (sxrd * sxrd + syrd * syrd)
            + (1e-4 * hru * hru + 1.0) * hru * hru * hru * (sxru * sxru + syru * syru));
        T[Ix + 1, Iy + 1] = 0.5 * Math.Min(1.0, cfl / (1e-2 + dc)) / (1.0 - damping);
    }
}
