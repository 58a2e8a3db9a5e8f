using Stencil;
using static Stencil.FiniteDifferences3D;

namespace Diffusion3D;

/// <summary>
/// The physics of the pseudo-transient benchmark: one implicit time step of 3D nonlinear diffusion,
/// (H − H_old)/dt = −∇·q with q = −H³ ∇H, iterated to its steady state in pseudo-time with the
/// accelerated method of PseudoTransientDiffusion's published 3D case: the fluxes relax towards
/// −H³ ∇H over τ_r, H towards the implicit step over ρ, both set per point from the local H³
/// (Re = π + √(π² + l²/(H³ dt))).
/// </summary>
public static partial class NonlinearDiffusion
{
    /// <summary>
    /// The fluxes' pseudo-time step q ← (q τ_r/dτ − H³ ∂H/∂x) / (1 + τ_r/dτ) on the faces between inner
    /// cells, written as q ← a (q − H³ ∂H/∂x · dτ/τ_r) with a = 1 / (1 + dτ/τ_r): the same value with
    /// one division fewer per face (dτ/τ_r is a product, its inverse would be a quotient).
    /// </summary>
    [Stencil(MultiplyByReciprocals = true)]
    static void Fluxes(Field<double> qx, Field<double> qy, Field<double> qz, Field<double> H, double vpdt, double resc, double dt, double l, double dx, double dy, double dz)
    {
        var hx = AvXi(H) * AvXi(H) * AvXi(H);
        var hy = AvYi(H) * AvYi(H) * AvYi(H);
        var hz = AvZi(H) * AvZi(H) * AvZi(H);
        // dτ/τ_r = Re Vpdτ / (l Resc), Re = π + √(π² + l²/(H³ dt)).
        var ix = (Math.PI + Math.Sqrt(Math.PI * Math.PI + l * l / dt / hx)) * (vpdt / (l * resc));
        var iy = (Math.PI + Math.Sqrt(Math.PI * Math.PI + l * l / dt / hy)) * (vpdt / (l * resc));
        var iz = (Math.PI + Math.Sqrt(Math.PI * Math.PI + l * l / dt / hz)) * (vpdt / (l * resc));
        All(qx) = (All(qx) - hx * DXi(H) / dx * ix) / (1.0 + ix);
        All(qy) = (All(qy) - hy * DYi(H) / dy * iy) / (1.0 + iy);
        All(qz) = (All(qz) - hz * DZi(H) / dz * iz) / (1.0 + iz);
    }

    /// <summary>H's pseudo-time step towards the implicit step H = H_old − dt ∇·q, on inner points (the boundary stays fixed).</summary>
    [Stencil(MultiplyByReciprocals = true)]
    static void Update(Field<double> H, Field<double> Hold, Field<double> qx, Field<double> qy, Field<double> qz, double vpdt, double resc, double dt, double l, double dx, double dy, double dz)
    {
        var h3 = Inn(H) * Inn(H) * Inn(H);
        var dtRho = vpdt * l / h3 / (Math.PI + Math.Sqrt(Math.PI * Math.PI + l * l / h3 / dt)) * resc;
        Inn(H) = (Inn(H) + dtRho * (Inn(Hold) / dt - (DXa(qx) / dx + DYa(qy) / dy + DZa(qz) / dz))) / (1.0 + dtRho / dt);
    }

    /// <summary>The physical fluxes −H³ ∇H, for the convergence check.</summary>
    [Stencil]
    static void PhysicalFluxes(Field<double> qx, Field<double> qy, Field<double> qz, Field<double> H, double dx, double dy, double dz)
    {
        All(qx) = -(AvXi(H) * AvXi(H) * AvXi(H)) * DXi(H) / dx;
        All(qy) = -(AvYi(H) * AvYi(H) * AvYi(H)) * DYi(H) / dy;
        All(qz) = -(AvZi(H) * AvZi(H) * AvZi(H)) * DZi(H) / dz;
    }

    /// <summary>The residual of the implicit step on inner points: −(H − H_old)/dt − ∇·q.</summary>
    [Stencil]
    static void Residual(Field<double> R, Field<double> H, Field<double> Hold, Field<double> qx, Field<double> qy, Field<double> qz, double dt, double dx, double dy, double dz)
    {
        All(R) = -(Inn(H) - Inn(Hold)) / dt - (DXa(qx) / dx + DYa(qy) / dy + DZa(qz) / dz);
    }
}
