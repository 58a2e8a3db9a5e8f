using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>
/// [Stencil(MultiplyByReciprocals = true)]: each division by a scalar multiplies by its reciprocal,
/// in the SIMD loops and the scalar remainder alike; a division by a field value stays a division.
/// Checked against a hand-written loop that does exactly that, bit for bit, and against the
/// divisions themselves, to an ulp or so.
/// </summary>
public sealed class ReciprocalDivisionTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(0)]
    public void Divisions_by_scalars_multiply_by_reciprocals_and_divisions_by_fields_stay(int vectorBits)
    {
        const int nx = 37, ny = 6;
        const double dx = 0.3, dy = 0.7;
        var h = Grid.Random(nx * ny, 1);
        var k = Grid.Random(nx * ny, 2);
        using var backend = new CpuBackend(2) { SerialPoints = 0, VectorBits = vectorBits };
        using var R = backend.Allocate<double>(nx, ny);
        using var H = Grid.Upload(backend, h, nx, ny);
        using var K = Grid.Upload(backend, k, nx, ny);

        Nonlinear.ReciprocalFluxes(backend, R, H, K, dx, dy);
        var actual = R.ToArray();

        double H_(int x, int y) => h[y * nx + x];
        int reciprocalsDiffer = 0;
        for (int y = 0; y + 2 < ny; y++)
        for (int x = 0; x + 2 < nx; x++)
        {
            double qe = H_(x + 2, y + 1) * H_(x + 2, y + 1) * (H_(x + 2, y + 1) - H_(x + 1, y + 1)) * (1.0 / dx);
            double qw = H_(x, y + 1) * H_(x, y + 1) * (H_(x + 1, y + 1) - H_(x, y + 1)) * (1.0 / dx);
            double qn = (H_(x + 1, y + 2) - H_(x + 1, y + 1)) / k[(y + 1) * nx + x + 1];
            double r = ((qe - qw) * (1.0 / dx) + qn * (1.0 / dy)) * (1.0 / (dy * dy));

            double qeDivided = H_(x + 2, y + 1) * H_(x + 2, y + 1) * (H_(x + 2, y + 1) - H_(x + 1, y + 1)) / dx;
            double qwDivided = H_(x, y + 1) * H_(x, y + 1) * (H_(x + 1, y + 1) - H_(x, y + 1)) / dx;
            double divided = ((qeDivided - qwDivided) / dx + qn / dy) / (dy * dy);

            double got = actual[(y + 1) * nx + x + 1];
            BitConverter.DoubleToInt64Bits(got).ShouldBe(BitConverter.DoubleToInt64Bits(r), $"point ({x + 1}, {y + 1}): {got} against {r}");
            Grid.RelativeError(got, divided).ShouldBeLessThan(1e-13, $"point ({x + 1}, {y + 1})");
            if (r != divided) reciprocalsDiffer++;
        }
        // The reference can tell the two apart: with these values, reciprocals round differently somewhere.
        reciprocalsDiffer.ShouldBeGreaterThan(0);
    }
}
