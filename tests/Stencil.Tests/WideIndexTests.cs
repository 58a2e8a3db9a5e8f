using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// The ILGPU kernels with 64-bit indices (<see cref="IlgpuBackend.WideIndices"/>, which fields over
/// 2^30 elements take) must compute what the 32-bit ones, which every test grid takes, compute.
/// </summary>
public sealed class WideIndexTests
{
    [Fact]
    public void Geothermal_solves_with_64_bit_indices_give_the_bits_of_the_32_bit_ones()
    {
        var narrow = Solve(wide: false);
        var wide = Solve(wide: true);

        for (int f = 0; f < narrow.Length; f++)
            wide[f].Select(BitConverter.DoubleToInt64Bits).ShouldBe(narrow[f].Select(BitConverter.DoubleToInt64Bits), $"field {f} (Pf, qx, qy, Ψ of qx, qy, Pf, dJ/dK)");
    }

    /// <summary>
    /// The forward and adjoint solves and the gradient, with steps inside the kernels and checks in
    /// between, on the simulator: its plain, stepping and gather kernels with either index width.
    /// </summary>
    private static double[][] Solve(bool wide)
    {
        using var backend = Backends.IlgpuCpu();
        backend.WideIndices = wide;
        using var c = Cases.Published(backend, 5);
        c.SetPermeability(c.Local(c.TruePermeability));
        var forward = PseudoTransientSolver.Solve(c.Problem(), c.ForwardOptions with { Tolerance = 1e-300, MaxIterations = 30, CheckEvery = 7 });
        forward.StepsInKernels.ShouldNotBeEmpty();
        var problem = c.Problem();
        using var adjoint = new AdjointSolver<double>(problem);
        using var dJdPf = Grid.Upload(backend, Grid.Random(c.Nx * c.Ny, 11, -1, 1), c.Nx, c.Ny);
        PseudoStep<double>[] steps = [0.01, 0.01, c.PfStep];
        var result = adjoint.Solve([null, null, dJdPf], steps, new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 20, CheckEvery = 7 });
        result.StepsInKernels.ShouldNotBeEmpty();
        using var gradient = backend.Allocate<double>(c.Nx, c.Ny);
        adjoint.Gradient([gradient]);
        return [c.Pf.ToArray(), c.Qx.ToArray(), c.Qy.ToArray(), .. adjoint.Psi.Select(p => p.ToArray()), gradient.ToArray()];
    }
}
