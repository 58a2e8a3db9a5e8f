using Stencil;

namespace Stencil.Tests;

/// <summary>Host-side helpers: random fields, x-fastest indexing, relative comparison.</summary>
public static class Grid
{
    public static double[] Random(long length, int seed, double lo = 0.5, double hi = 1.5)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (long i = 0; i < length; i++) values[i] = lo + (hi - lo) * random.NextDouble();
        return values;
    }

    public static Field<T> Upload<T>(Backend backend, T[] values, int nx, int ny = 0, int nz = 0) where T : unmanaged
    {
        var field = nz > 0 ? backend.Allocate<T>(nx, ny, nz) : ny > 0 ? backend.Allocate<T>(nx, ny) : backend.Allocate<T>(nx);
        field.CopyFromHost(values);
        return field;
    }

    /// <summary>A new field of <paramref name="field"/>'s backend and extents holding <paramref name="values"/>.</summary>
    public static Field<T> Like<T>(Field<T> field, T[] values) where T : unmanaged
    {
        var backend = field.Backend;
        var copy = field.Rank switch { 1 => backend.Allocate<T>(field.Nx), 2 => backend.Allocate<T>(field.Nx, field.Ny), _ => backend.Allocate<T>(field.Nx, field.Ny, field.Nz) };
        copy.CopyFromHost(values);
        return copy;
    }

    public static double RelativeError(double actual, double expected)
        => actual == expected ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);

    /// <summary>Asserts every value agrees to <paramref name="tolerance"/> relative, naming the first bad point.</summary>
    public static void ShouldMatch(double[] actual, double[] expected, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double error = RelativeError(actual[i], expected[i]);
            if (!(error <= tolerance))
                Assert.Fail($"{what}: index {i}: got {actual[i]:R}, expected {expected[i]:R} (relative error {error:E2} > {tolerance:E0}).");
        }
    }
}
