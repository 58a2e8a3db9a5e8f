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
    /// <summary>
    /// The steps of a potential with a variable diffusivity D, point by point:
    /// <see cref="PotentialStep"/> with the largest D over the point and its neighbours along each
    /// axis (those that exist at the field's edges), so that the step is stable where D jumps. Each
    /// process sets its whole block; a halo point misses its outer neighbour, but the potential's
    /// halo is refreshed from the process that owns it after every step.
    /// </summary>
    public static void PotentialSteps(Field<double> steps, Field<double> diffusivity, double vpDtau, double length, double re)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(diffusivity);
        if ((steps.Nx, steps.Ny, steps.Nz) != (diffusivity.Nx, diffusivity.Ny, diffusivity.Nz))
            throw new ArgumentException($"The steps ({steps.Nx} x {steps.Ny} x {steps.Nz}) and the diffusivity ({diffusivity.Nx} x {diffusivity.Ny} x {diffusivity.Nz}) must have the same extents.", nameof(steps));
        var d = diffusivity.ToArray();
        var step = new double[d.Length];
        int nx = diffusivity.Nx, ny = diffusivity.Ny, nz = diffusivity.Nz;
        for (int z = 0, p = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, p++)
                {
                    double max = d[p];
                    if (x > 0) max = Math.Max(max, d[p - 1]);
                    if (x < nx - 1) max = Math.Max(max, d[p + 1]);
                    if (y > 0) max = Math.Max(max, d[p - nx]);
                    if (y < ny - 1) max = Math.Max(max, d[p + nx]);
                    if (z > 0) max = Math.Max(max, d[p - nx * ny]);
                    if (z < nz - 1) max = Math.Max(max, d[p + nx * ny]);
                    step[p] = PotentialStep(vpDtau, length, max, re);
                }
        steps.CopyFromHost(step);
    }
}
