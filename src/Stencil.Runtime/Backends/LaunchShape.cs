using System.Numerics;
using ILGPU;

namespace Stencil;

/// <summary>
/// The thread groups of a GPU stencil launch. One thread per point, x fastest, so that a warp
/// reads consecutive addresses (coalesced). A group holds up to <see cref="MaxThreads"/> threads,
/// fewer where the kernel's registers limit occupancy (the occupancy estimate of the compiled
/// kernel). The threads go to x first, up to a warp; then to y, to z, and back to x for whatever a
/// narrow y or z leaves. For a 3D grid this gives ParallelStencil's default groups of (32, 8, 1).
/// </summary>
internal static class LaunchShape
{
    /// <summary>Threads per group at most: enough to hide memory latency, small enough for many groups per multiprocessor.</summary>
    public const int MaxThreads = 256;

    /// <summary>Threads along x before y gets any: one warp on NVIDIA GPUs.</summary>
    public const int Warp = 32;

    /// <summary>
    /// The grid (in groups) and group (in threads) covering <paramref name="extent"/> points with
    /// at most <paramref name="threads"/> threads per group and at most <paramref name="maxGroup"/>
    /// threads along each axis.
    /// </summary>
    public static (Index3D Grid, Index3D Group) Of(Index3D extent, int threads, Index3D maxGroup)
    {
        threads = 1 << BitOperations.Log2((uint)Math.Clamp(threads, 1, MaxThreads));   // a power of two
        int x = Fit(Math.Min(Warp, threads), extent.X, maxGroup.X);
        int y = Fit(threads / x, extent.Y, maxGroup.Y);
        int z = Fit(threads / (x * y), extent.Z, maxGroup.Z);
        x = Fit(threads / (y * z), extent.X, maxGroup.X);
        var group = new Index3D(x, y, z);
        var grid = new Index3D(Groups(extent.X, x), Groups(extent.Y, y), Groups(extent.Z, z));
        return (grid, group);
    }

    /// <summary>Threads along one axis: a power of two no larger than needed for the extent, the budget or the device limit.</summary>
    private static int Fit(int budget, int extent, int max)
    {
        int needed = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(extent, 1));
        return Math.Max(1, Math.Min(Math.Min(budget, needed), max));
    }

    private static int Groups(int extent, int size) => (Math.Max(extent, 1) + size - 1) / size;
}
