using Stencil.Tests.Kernels;
using Darcy = Geothermal2D.Darcy;

namespace Stencil.Tests;

/// <summary>A kernel with fields of the right extents (values drawn around the given range) and scalars: for derivative tests.</summary>
public sealed record KernelSetup(string Name, DifferentiableKernel<double> Kernel, Func<Backend, Field<double>[]> Fields, double[] Scalars)
{
    public override string ToString() => Name;
}

public static class KernelSetups
{
    private static readonly int[] N = [7, 6, 5];

    /// <summary>Every setup; <paramref name="wider"/> adds points along x (e.g. to span several SIMD vectors).</summary>
    public static IEnumerable<KernelSetup> All(int wider = 0)
    {
        foreach (var c in Operators1D.Cases.Concat(Operators2D.Cases).Concat(Operators3D.Cases))
        {
            int nx = N[0] + wider, ny = c.Rank > 1 ? N[1] : 1, nz = c.Rank > 2 ? N[2] : 1;
            yield return new KernelSetup($"{c.Name}{c.Rank}D", c.Kernel, b =>
            [
                Field(b, c.Rank, 1, c.ResultExtent(0, nx), c.ResultExtent(1, ny), c.ResultExtent(2, nz)),
                Field(b, c.Rank, 2, nx, ny, nz),
            ], []);
        }

        int mx = 9 + wider, my = 7;
        yield return new KernelSetup("Darcy.ResidualFluxes", Darcy.ResidualFluxesKernel, b =>
        [
            Field(b, 2, 3, mx + 1, my), Field(b, 2, 4, mx, my + 1), Field(b, 2, 5, mx + 1, my), Field(b, 2, 6, mx, my + 1),
            Field(b, 2, 7, mx, my), Field(b, 2, 8, mx, my),
        ], [2.0 / mx, 1.0 / my]);
        yield return new KernelSetup("Darcy.ResidualPressure", Darcy.ResidualPressureKernel, b =>
        [
            Field(b, 2, 9, mx, my), Field(b, 2, 10, mx + 1, my), Field(b, 2, 11, mx, my + 1), Field(b, 2, 12, mx, my),
        ], [2.0 / mx, 1.0 / my]);
        yield return new KernelSetup("Samples.Diffusion3D", Samples.Diffusion3DKernel, b =>
            [Field(b, 3, 13, 6 + wider, 5, 4), Field(b, 3, 14, 6 + wider, 5, 4), Field(b, 3, 15, 6 + wider, 5, 4)], [1.3, 0.01, 0.2, 0.25, 0.3]);
        yield return new KernelSetup("Samples.PowerLawResidual", Samples.PowerLawResidualKernel, b =>
            [Field(b, 1, 16, 12 + wider), Field(b, 1, 17, 12 + wider), Field(b, 1, 18, 12 + wider, lo: 1, hi: 3)], [0.3]);
        yield return new KernelSetup("Samples.BoundaryX", Samples.BoundaryXKernel, b => [Field(b, 2, 19, 6 + wider, 4)], []);
        yield return new KernelSetup("Samples.WideReach", Samples.WideReachKernel, b =>
            [Field(b, 2, 44, 6 + wider, 4), Field(b, 2, 45, 12 + wider, 4)], []);
        yield return new KernelSetup("Samples.Limiter", Samples.LimiterKernel, b =>
            [Field(b, 2, 20, 7 + wider, 3), Field(b, 2, 21, 8 + wider, 3, lo: 0, hi: 3), Field(b, 2, 22, 8 + wider, 3, lo: -1, hi: 1)], [2.5]);
        yield return new KernelSetup("Nonlinear.Diffusion3D", Stencil.Benchmarks.Kernels.NonlinearDiffusion3DKernel, b =>
            [Field(b, 3, 23, 6 + wider, 5, 4), Field(b, 3, 24, 6 + wider, 5, 4)], [0.2, 0.25, 0.3]);
        yield return new KernelSetup("Nonlinear.Diffusion3DInverse", Stencil.Benchmarks.Kernels.NonlinearDiffusion3DInverseKernel, b =>
            [Field(b, 3, 40, 6 + wider, 5, 4), Field(b, 3, 41, 6 + wider, 5, 4)], [5.0, 4.0, 3.0]);
        yield return new KernelSetup("examples/Diffusion3D Heat.Step", Diffusion3D.Heat.StepKernel, b =>
            [Field(b, 3, 29, 6 + wider, 5, 4), Field(b, 3, 30, 6 + wider, 5, 4), Field(b, 3, 31, 6 + wider, 5, 4)], [1.0, 0.01, 0.2, 0.2, 0.2]);
        yield return new KernelSetup("examples/Diffusion3D Heat.Copy", Diffusion3D.Heat.CopyKernel, b =>
            [Field(b, 3, 32, 6 + wider, 5, 4), Field(b, 3, 33, 6 + wider, 5, 4)], []);
        yield return new KernelSetup("Nonlinear.Relax", Nonlinear.RelaxKernel, b =>
            [Field(b, 2, 34, 6 + wider, 5), Field(b, 2, 35, 6 + wider, 5), Field(b, 2, 36, 6 + wider, 5)], [0.3]);
        yield return new KernelSetup("Nonlinear.GuardedRelax", Nonlinear.GuardedRelaxKernel, b =>
            [Field(b, 2, 37, 8 + wider, 5), Field(b, 2, 38, 7 + wider, 5), Field(b, 2, 39, 7 + wider, 5)], [0.3]);
        yield return new KernelSetup("Nonlinear.SharedReads", Nonlinear.SharedReadsKernel, b =>
            [Field(b, 2, 42, 8 + wider, 5), Field(b, 2, 43, 8 + wider, 5)], [0.7]);
        yield return new KernelSetup("Nonlinear.NeighbourSums", Nonlinear.NeighbourSumsKernel, b =>
            [Field(b, 3, 54, 6 + wider, 5, 4), Field(b, 3, 55, 6 + wider, 5, 4), Field(b, 3, 56, 6 + wider, 5, 4)], []);
        yield return new KernelSetup("Nonlinear.Polynomials", Nonlinear.PolynomialsKernel, b =>
            [Field(b, 3, 57, 6 + wider, 5, 4), Field(b, 3, 58, 6 + wider, 5, 4)], [0.35]);
        yield return new KernelSetup("Nonlinear.FaceFluxes", Nonlinear.FaceFluxesKernel, b =>
            [Field(b, 2, 59, 8 + wider, 5), Field(b, 2, 60, 8 + wider, 5)], [4.0]);
        yield return new KernelSetup("Nonlinear.ReciprocalFluxes", Nonlinear.ReciprocalFluxesKernel, b =>
            [Field(b, 2, 61, 8 + wider, 5), Field(b, 2, 62, 8 + wider, 5), Field(b, 2, 63, 8 + wider, 5)], [0.3, 0.7]);
        yield return new KernelSetup("Stokes.Velocity", Stokes.VelocityKernel, b =>
            Enumerable.Range(46, 8).Select(seed => Field(b, 3, seed, 7 + wider, 6, 5)).ToArray(), [0.01, 7.0, 6.0, 5.0]);
        yield return new KernelSetup("Nonlinear.MassBalance", Nonlinear.MassBalanceKernel, b =>
            [Field(b, 2, 25, 6 + wider, 5), Signed(b, 26, 6 + wider, 5), Field(b, 2, 27, 6 + wider, 5), Field(b, 2, 28, 6 + wider, 5)], [1.2, 0.8]);
    }

    public static KernelSetup Get(string name) => All().Single(s => s.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var setup in All()) data.Add(setup.Name);
        return data;
    }

    private static Field<double> Field(Backend backend, int rank, int seed, int nx, int ny = 1, int nz = 1, double lo = 0.5, double hi = 1.5)
    {
        var values = Grid.Random((long)nx * ny * nz, seed, lo, hi);
        return rank switch { 1 => Grid.Upload(backend, values, nx), 2 => Grid.Upload(backend, values, nx, ny), _ => Grid.Upload(backend, values, nx, ny, nz) };
    }

    /// <summary>Values of both signs kept away from zero (|v| >= 0.2), so a mask on v > 0 is not crossed by small perturbations.</summary>
    private static Field<double> Signed(Backend backend, int seed, int nx, int ny)
    {
        var values = Grid.Random(nx * ny, seed, -1, 1).Select(v => v >= 0 ? 0.2 + v : -0.2 + v).ToArray();
        return Grid.Upload(backend, values, nx, ny);
    }
}
