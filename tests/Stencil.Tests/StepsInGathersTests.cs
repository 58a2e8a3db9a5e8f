using Geothermal2D;
using Stencil.Tests.Kernels;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// The adjoint solver's steps taken inside the last gather into each state's adjoint residual
/// (<see cref="PseudoTransientOptions.StepsInKernels"/>): Ψ must come out the same bits as with the
/// separate Axpy of −∂J/∂u and masked step, and the solver must keep those wherever that could differ.
/// Fixed iteration counts with checks in between, so that both kinds of iteration run.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class StepsInGathersTests(BackendFixture backends)
{
    [Theory]
    [InlineData("cpu", 15, 200)]
    [InlineData("ilgpu-cpu", 5, 40)]
    public void Geothermal_adjoint_steps_inside_the_gathers_give_the_same_bits(string backendName, int ny, int iterations)
    {
        using var c = Cases.Published(backends.Get(backendName), ny);
        c.SetPermeability(c.Local(c.TruePermeability));
        PseudoTransientSolver.Solve(c.Problem(), c.ForwardOptions with { MaxIterations = iterations });
        using var dJdPf = Grid.Upload(c.Backend, Grid.Random(c.Nx * c.Ny, 7, -1, 1), c.Nx, c.Ny);
        PseudoStep<double>[] steps =
        [
            PseudoTransientParameters.FluxStep(Case.Cfl, c.Nx, Case.Re),
            PseudoTransientParameters.FluxStep(Case.Cfl, c.Ny, Case.Re),
            c.PfStep,
        ];
        var options = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = iterations, CheckEvery = 7 };

        var (separate, expected) = SolveAdjoint(c.Problem(), [null, null, dJdPf], steps, options with { StepsInKernels = false });
        var (fused, actual) = SolveAdjoint(c.Problem(), [null, null, dJdPf], steps, options);

        separate.StepsInKernels.ShouldBeEmpty();
        fused.StepsInKernels.ShouldBe(["qx", "qy", "Pf"]);
        fused.Iterations.ShouldBe(separate.Iterations);
        fused.Residual.ShouldBe(separate.Residual);
        actual[0].ShouldContain(v => v != 0, "Ψ of qx moved");
        for (int f = 0; f < expected.Length; f++) Bits(actual[f]).ShouldBe(Bits(expected[f]), $"Ψ of state {f} (qx, qy, Pf)");
    }

    [Theory]
    [InlineData("cpu", 2 * Launch.Chunk1D + 37)]   // CPU rows of 1D kernels are chunks: two of them end inside
    [InlineData("ilgpu-cpu", 37)]
    public void One_dimensional_adjoint_steps_with_a_source_match_the_separate_steps(string backendName, int n)
    {
        var backend = backends.Get(backendName);
        using var u = Grid.Upload(backend, Grid.Random(n, 2), n);
        using var r = backend.Allocate<double>(n);
        using var f = Grid.Upload(backend, Grid.Random(n, 3), n);
        using var g = Grid.Upload(backend, Grid.Random(n, 4, -1, 1), n);
        SteadyProblem<double> Problem() => new SteadyProblem<double>(backend).State("U", u, r, 0.3).Residual(Relaxation.Residual1DKernel, [r, u, f], []);
        var options = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 9, CheckEvery = 4 };

        var (_, expected) = SolveAdjoint(Problem(), [g], [0.3], options with { StepsInKernels = false });
        var (fused, actual) = SolveAdjoint(Problem(), [g], [0.3], options);

        fused.StepsInKernels.ShouldBe(["U"]);
        Bits(actual[0]).ShouldBe(Bits(expected[0]));
        // (∂R/∂U)^T Ψ = (1 + F²) Ψ on inner points: Ψ approaches g / (1 + F²) there and stays 0 at the ends.
        var ff = f.ToArray();
        var gg = g.ToArray();
        actual[0][0].ShouldBe(0);
        actual[0][n - 1].ShouldBe(0);
        actual[0][n / 2].ShouldBe(gg[n / 2] / (1 + ff[n / 2] * ff[n / 2]), 0.05 * Math.Abs(gg[n / 2]) + 1e-3);
    }

    [Theory]
    [InlineData("cpu", 13, 6, 5)]
    [InlineData("ilgpu-cpu", 7, 5, 4)]
    public void Three_dimensional_adjoint_steps_with_local_steps_and_no_source_match_the_separate_steps(string backendName, int nx, int ny, int nz)
    {
        // No ∂J/∂u: Ψ starts from a warm start (the same for both), so that the steps have something to move.
        var backend = backends.Get(backendName);
        int length = nx * ny * nz;
        using var u = backend.Allocate<float>(nx, ny, nz);
        using var r = backend.Allocate<float>(nx, ny, nz);
        using var f = Grid.Upload(backend, Grid.Random(length, 5).Select(v => (float)v).ToArray(), nx, ny, nz);
        using var d = Grid.Upload(backend, Grid.Random(length, 6, 0.1, 0.4).Select(v => (float)v).ToArray(), nx, ny, nz);
        var start = Grid.Random(length, 8, -1, 1).Select(v => (float)v).ToArray();
        float[] Run(PseudoTransientOptions options, out SolveResult result)
        {
            var problem = new SteadyProblem<float>(backend).State("U", u, r, d).Residual(Relaxation.Residual3DKernel, [r, u, f], []);
            using var adjoint = new AdjointSolver<float>(problem);
            adjoint.Psi[0].CopyFromHost(start);
            result = adjoint.Solve([null], [d], options, warmStart: true);
            return adjoint.Psi[0].ToArray();
        }
        var options = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 6, CheckEvery = 3 };

        var expected = Run(options with { StepsInKernels = false }, out _);
        var actual = Run(options, out var fused);

        fused.StepsInKernels.ShouldBe(["U"]);
        actual.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
        // The unknowns (x 1..nx-1, y 0..ny-2, z 1..nz-1) moved towards 0; elsewhere Ψ kept its start.
        int moved = Enumerable.Range(0, length).Count(p => actual[p] != start[p]);
        moved.ShouldBe((nx - 1) * (ny - 1) * (nz - 1), "points stepped");
    }

    [Fact]
    public void A_gather_that_reads_the_seed_at_neighbours_keeps_the_separate_step()
    {
        // Poisson's R reads H at three points: the gather into H̄ reads Ψ at three points, so a step
        // inside it would change Ψ under its neighbours' gathers.
        var backend = backends.Cpu;
        const int n = 9;
        using var h = backend.Allocate<double>(n);
        using var r = backend.Allocate<double>(n);
        using var k = Grid.Upload(backend, Enumerable.Repeat(1.0, n - 1).ToArray(), n - 1);
        using var source = Grid.Upload(backend, Enumerable.Repeat(1.0, n).ToArray(), n);
        using var g = Grid.Upload(backend, Grid.Random(n, 9, -1, 1), n);
        var problem = new SteadyProblem<double>(backend).State("H", h, r, 0.001).Residual(Poisson.ResidualKernel, [r, h, k, source], [0.125]);

        var options = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 5, CheckEvery = 2 };

        var (_, expected) = SolveAdjoint(problem, [g], [0.001], options with { StepsInKernels = false });
        var (result, actual) = SolveAdjoint(problem, [g], [0.001], options);

        result.StepsInKernels.ShouldBeEmpty();
        Bits(actual[0]).ShouldBe(Bits(expected[0]));
    }

    private static (SolveResult Result, T[][] Psi) SolveAdjoint<T>(SteadyProblem<T> problem, IReadOnlyList<Field<T>?> dJdu, IReadOnlyList<PseudoStep<T>> steps, PseudoTransientOptions options)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        using var adjoint = new AdjointSolver<T>(problem);
        var result = adjoint.Solve(dJdu, steps, options);
        return (result, adjoint.Psi.Select(p => p.ToArray()).ToArray());
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
