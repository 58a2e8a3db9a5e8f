using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>Every ParallelStencil operator, 1D/2D/3D, against its point formula, on both backends.</summary>
[Collection(BackendCollection.Name)]
public sealed class OperatorTests(BackendFixture backends)
{
    private static readonly int[] Extents = [7, 6, 5];

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var backend in new[] { "cpu", "ilgpu-cpu" })
            foreach (var c in Operators1D.Cases.Concat(Operators2D.Cases).Concat(Operators3D.Cases))
                data.Add(backend, c.Rank, c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operator_matches_its_point_formula(string backendName, int rank, string name)
    {
        var c = (rank switch { 1 => Operators1D.Cases, 2 => Operators2D.Cases, _ => Operators3D.Cases }).Single(o => o.Name == name);
        var backend = backends.Get(backendName);
        int nx = Extents[0], ny = rank > 1 ? Extents[1] : 1, nz = rank > 2 ? Extents[2] : 1;
        int rx = c.ResultExtent(0, nx), ry = c.ResultExtent(1, ny), rz = c.ResultExtent(2, nz);

        var a = Grid.Random((long)nx * ny * nz, seed: 17 * rank + name.Length);
        using var A = Upload(backend, a, rank, nx, ny, nz);
        using var R = Upload(backend, Enumerable.Repeat(-999.0, rx * ry * rz).ToArray(), rank, rx, ry, rz);

        c.Run(backend, R, A);

        var expected = new double[rx * ry * rz];
        double At(int x, int y, int z) => a[x + nx * (y + ny * z)];
        for (int iz = 0; iz < rz; iz++)
            for (int iy = 0; iy < ry; iy++)
                for (int ix = 0; ix < rx; ix++)
                    expected[ix + rx * (iy + ry * iz)] = c.Reference(At, ix, iy, iz);
        Grid.ShouldMatch(R.ToArray(), expected, 1e-14, $"{c} on {backendName}");
    }

    private static Field<double> Upload(Backend backend, double[] values, int rank, int nx, int ny, int nz)
        => rank switch { 1 => Grid.Upload(backend, values, nx), 2 => Grid.Upload(backend, values, nx, ny), _ => Grid.Upload(backend, values, nx, ny, nz) };
}
