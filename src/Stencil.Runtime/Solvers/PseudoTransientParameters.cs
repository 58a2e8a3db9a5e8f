namespace Stencil;

/// <summary>
/// Accelerated pseudo-transient parameters from the dispersion analysis of Räss et al. (2022,
/// Geosci. Model Dev. 15), for the damped-wave form θ_r dq/dτ + q = −D ∇H, ρ dH/dτ + ∇·q = f.
/// </summary>
public static class PseudoTransientParameters
{
    /// <summary>The CFL number of the accelerated scheme: 0.99 in 1D, 1/2.1 in 2D, 1/sqrt(3) in 3D (values of the published scripts).</summary>
    public static double Cfl(int dimensions) => dimensions switch
    {
        1 => 0.99,
        2 => 1 / 2.1,
        3 => 1 / Math.Sqrt(3),
        _ => throw new ArgumentOutOfRangeException(nameof(dimensions), "Dimensions are 1, 2 or 3."),
    };

    /// <summary>Optimal Reynolds number of a steady problem in the scaling of the published scripts: 2π.</summary>
    public static double ReSteady => 2 * Math.PI;

    /// <summary>Optimal Reynolds number of a transient step: π + sqrt(π² + L²/(D dt)).</summary>
    public static double ReTransient(double length, double diffusivity, double dt) => Math.PI + Math.Sqrt(Math.PI * Math.PI + length * length / (diffusivity * dt));

    /// <summary>The pseudo-velocity times step, Vp·dτ = CFL · min(dx, dy, dz).</summary>
    public static double VpDtau(double cfl, params double[] spacings) => cfl * spacings.Min();

    /// <summary>
    /// The step of a flux state in <c>q ← q − step · R_q</c> with R_q = q + D ∇H: the damped update
    /// q ← q − R_q / (1 + θ_r/dτ), with θ_r/dτ = 2 CFL n / Re (n points along the flux's axis).
    /// </summary>
    public static double FluxStep(double cfl, int n, double re) => 1 / (1 + 2 * cfl * n / re);

    /// <summary>
    /// The step of a potential H in <c>H ← H − step · R_H</c>: dτ/ρ = Vp·dτ · L / (D · Re). Pass
    /// D = 1 and divide by a local diffusivity maximum for variable coefficients.
    /// </summary>
    public static double PotentialStep(double vpDtau, double length, double diffusivity, double re) => vpDtau * length / (diffusivity * re);
}
