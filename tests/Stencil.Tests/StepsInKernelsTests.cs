using Geothermal2D;
using Stencil.Tests.Kernels;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// Pseudo-time steps taken inside the residual kernels (<see cref="PseudoTransientOptions.StepsInKernels"/>):
/// the states must come out the same bits as with a separate step after each kernel, and the solver
/// must keep the separate steps wherever that could differ.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class StepsInKernelsTests(BackendFixture backends)
{
    [Theory]
    [InlineData("cpu", 15)]
    [InlineData("ilgpu-cpu", 5)]
    public void Geothermal_states_are_stepped_inside_the_kernels_with_the_same_bits(string backendName, int ny)
    {
        using var c = Cases.Published(backends.Get(backendName), ny);
        c.SetPermeability(c.Local(c.TruePermeability));
        var options = c.ForwardOptions with { MaxIterations = backendName == "cpu" ? c.ForwardOptions.MaxIterations : 60 };

        var (separate, expected) = SolveGeothermal(c, options with { StepsInKernels = false });
        var (fused, actual) = SolveGeothermal(c, options);

        separate.StepsInKernels.ShouldBeEmpty();
        fused.StepsInKernels.ShouldBe(["qx", "qy", "Pf"]);
        if (backendName == "cpu") fused.Converged.ShouldBeTrue(fused.ToString());
        fused.Iterations.ShouldBe(separate.Iterations);
        fused.Residual.ShouldBe(separate.Residual);
        for (int f = 0; f < expected.Length; f++) Bits(actual[f]).ShouldBe(Bits(expected[f]), $"state {f} (Pf, qx, qy)");
    }

    [Fact]
    public void A_residual_that_is_not_zero_off_the_written_points_keeps_the_separate_steps()
    {
        // Rqx is written on InnX only; its first column keeps what it held. A separate step moves qx
        // there by −D·1 at every iteration, which a step inside the kernel would not do.
        using var c = Cases.Published(backends.Cpu, 7);
        c.SetPermeability(c.Local(c.TruePermeability));
        var options = c.ForwardOptions with { MaxIterations = 40 };
        var rqx = new double[(c.Nx + 1) * c.Ny];
        rqx[0] = 1;

        var (separate, expected) = SolveGeothermal(c, options with { StepsInKernels = false }, () => c.Rqx.CopyFromHost(rqx));
        var (planned, actual) = SolveGeothermal(c, options, () => c.Rqx.CopyFromHost(rqx));

        planned.StepsInKernels.ShouldBe(["Pf"]);
        actual[1][0].ShouldBe(expected[1][0]);
        actual[1][0].ShouldBeLessThan(-0.0, "qx at the off-box point moved");
        for (int f = 0; f < expected.Length; f++) Bits(actual[f]).ShouldBe(Bits(expected[f]), $"state {f} (Pf, qx, qy)");
        separate.StepsInKernels.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void One_dimensional_steps_with_one_number_match_the_separate_steps(string backendName)
    {
        var backend = backends.Get(backendName);
        const int n = 37;
        var f = Grid.Random(n, 3);
        double[] Run(PseudoTransientOptions options, out SolveResult result)
        {
            using var u = backend.Allocate<double>(n);
            using var r = backend.Allocate<double>(n);
            using var ff = Grid.Upload(backend, f, n);
            var problem = new SteadyProblem<double>(backend).State("U", u, r, 0.3).Residual(Relaxation.Residual1DKernel, [r, u, ff], []);
            result = PseudoTransientSolver.Solve(problem, options);
            return u.ToArray();
        }
        var fixedIterations = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 9, CheckEvery = 4 };

        var expected = Run(fixedIterations with { StepsInKernels = false }, out _);
        var actual = Run(fixedIterations, out var fused);

        fused.StepsInKernels.ShouldBe(["U"]);
        Bits(actual).ShouldBe(Bits(expected));
        // The iteration approaches U = (F[i-1] + F[i+1]) / (1 + F[i]^2) at inner points; the ends stay 0.
        actual[0].ShouldBe(0);
        actual[n - 1].ShouldBe(0);
        actual[n / 2].ShouldBe((f[n / 2 - 1] + f[n / 2 + 1]) / (1 + f[n / 2] * f[n / 2]), 0.5);
    }

    [Theory]
    [InlineData("cpu", 13, 6, 5)]
    [InlineData("ilgpu-cpu", 7, 5, 4)]
    public void Three_dimensional_steps_with_local_steps_match_the_separate_steps(string backendName, int nx, int ny, int nz)
    {
        var backend = backends.Get(backendName);
        int length = nx * ny * nz;
        var f = Grid.Random(length, 5).Select(v => (float)v).ToArray();
        var d = Grid.Random(length, 6, 0.1, 0.4).Select(v => (float)v).ToArray();
        float[] Run(PseudoTransientOptions options, out SolveResult result)
        {
            using var u = backend.Allocate<float>(nx, ny, nz);
            using var r = backend.Allocate<float>(nx, ny, nz);
            using var ff = Grid.Upload(backend, f, nx, ny, nz);
            using var steps = Grid.Upload(backend, d, nx, ny, nz);
            var problem = new SteadyProblem<float>(backend).State("U", u, r, steps).Residual(Relaxation.Residual3DKernel, [r, u, ff], []);
            result = PseudoTransientSolver.Solve(problem, options);
            return u.ToArray();
        }
        var fixedIterations = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 6, CheckEvery = 3 };

        var expected = Run(fixedIterations with { StepsInKernels = false }, out _);
        var actual = Run(fixedIterations, out var fused);

        fused.StepsInKernels.ShouldBe(["U"]);
        actual.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
        // R is written at x 1..nx-1 (F read at x-1 and x), y 0..ny-2 (at y and y+1), z 1..nz-1: U moved there and only there.
        actual.Count(v => v != 0).ShouldBe((nx - 1) * (ny - 1) * (nz - 1), "points stepped");
    }

    [Fact]
    public void A_kernel_that_reads_its_state_at_neighbours_steps_after_the_kernel()
    {
        var backend = backends.Cpu;
        const int n = 9;
        using var h = backend.Allocate<double>(n);
        using var r = backend.Allocate<double>(n);
        using var k = Grid.Upload(backend, Enumerable.Repeat(1.0, n - 1).ToArray(), n - 1);
        using var source = Grid.Upload(backend, Enumerable.Repeat(1.0, n).ToArray(), n);
        var problem = new SteadyProblem<double>(backend).State("H", h, r, 0.001).Residual(Poisson.ResidualKernel, [r, h, k, source], [0.125]);

        var result = PseudoTransientSolver.Solve(problem, new PseudoTransientOptions { MaxIterations = 3 });

        result.StepsInKernels.ShouldBeEmpty();
    }

    [Fact]
    public void StepStates_name_the_fields_read_only_where_the_residual_is_written()
    {
        // Poisson: R[Ix + 1] reads H at three points, k at two, f at Ix + 1 alone.
        Describe(Poisson.ResidualKernel.StepStates).ShouldBe("[3] - - -");
        // Darcy fluxes: qx is read only where Rqx is written, qy where Rqy is; Pf and K at two points.
        Describe(Darcy.ResidualFluxesKernel.StepStates).ShouldBe("[2] [3] - - - -");
        // Darcy pressure: qx and qy at two points each, Qf at the written point.
        Describe(Darcy.ResidualPressureKernel.StepStates).ShouldBe("[3] - - -");
    }

    /// <summary>Solves the geothermal forward problem from zero states; returns Pf, qx, qy.</summary>
    private static (SolveResult Result, double[][] States) SolveGeothermal(Case c, PseudoTransientOptions options, Action? prepare = null)
    {
        foreach (var field in new[] { c.Pf, c.Qx, c.Qy, c.RPf, c.Rqx, c.Rqy }) field.Fill(0);
        prepare?.Invoke();
        var result = PseudoTransientSolver.Solve(c.Problem(), options);
        return (result, [c.Pf.ToArray(), c.Qx.ToArray(), c.Qy.ToArray()]);
    }

    /// <summary>Per field: "-" when it takes no step, else its possible states' indices.</summary>
    private static string Describe(IReadOnlyList<IReadOnlyList<int>?> states)
        => string.Join(" ", states.Select(s => s is null ? "-" : $"[{string.Join(", ", s)}]"));

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
