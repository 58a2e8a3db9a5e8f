using ILGPU;

namespace Stencil.Tests;

/// <summary>
/// GPU launch shapes (<see cref="LaunchShape"/>): groups are coalesced (a warp along x where the
/// box is that wide), stay within the thread budget and the device's limits, and the grid covers
/// every point of the box.
/// </summary>
public sealed class LaunchShapeTests
{
    private static readonly Index3D Cuda = new(1024, 1024, 64);

    [Theory]
    [InlineData(256, 256, 256, 256, 32, 8, 1)]     // 3D: ParallelStencil's (32, 8, 1)
    [InlineData(4096, 4096, 1, 1024, 32, 8, 1)]    // 2D: threads capped at 256
    [InlineData(100000, 1, 1, 256, 256, 1, 1)]     // 1D: all threads along x
    [InlineData(5, 300, 1, 256, 8, 32, 1)]         // narrow x: 8 lanes, the rest to y
    [InlineData(256, 3, 256, 256, 32, 4, 2)]       // narrow y: z takes what y cannot
    [InlineData(256, 256, 256, 96, 32, 2, 1)]      // occupancy allows 96: rounded down to 64
    public void Groups_are_warp_wide_along_x_then_fill_y_and_z(int nx, int ny, int nz, int threads, int gx, int gy, int gz)
    {
        var (grid, group) = LaunchShape.Of(new Index3D(nx, ny, nz), threads, Cuda);
        group.ShouldBe(new Index3D(gx, gy, gz));
        (grid.X * group.X).ShouldBeGreaterThanOrEqualTo(nx);
        (grid.Y * group.Y).ShouldBeGreaterThanOrEqualTo(ny);
        (grid.Z * group.Z).ShouldBeGreaterThanOrEqualTo(nz);
        ((grid.X - 1) * group.X).ShouldBeLessThan(nx, "no group lies wholly past the box in x");
        ((grid.Y - 1) * group.Y).ShouldBeLessThan(ny);
        ((grid.Z - 1) * group.Z).ShouldBeLessThan(nz);
    }

    [Fact]
    public void Groups_respect_the_device_limits_per_axis()
    {
        var (_, group) = LaunchShape.Of(new Index3D(1000, 1000, 1000), 256, new Index3D(16, 4, 1));
        group.ShouldBe(new Index3D(16, 4, 1));
    }
}

/// <summary>
/// Which kernel variant a GPU launch takes: 32-bit indices for fields of up to 2^30 elements,
/// 64-bit ones where the backend is told to (<see cref="IlgpuBackend.WideIndices"/>). Fields over
/// 2^30 elements (8.6 GB of doubles) are not allocated here; the bound is <see cref="Launch.Index32Elements"/>.
/// </summary>
public sealed class Index32Tests
{
    [Fact]
    public void Launches_take_32_bit_indices_unless_the_backend_is_told_to_index_wide()
    {
        using var backend = Backends.IlgpuCpu();
        using var a = backend.Allocate<double>(4, 3, 2);
        using var b = backend.Allocate<double>(5, 3, 2);
        Launch.Index32<double>(backend, a, b).ShouldBeTrue();
        backend.WideIndices = true;
        Launch.Index32<double>(backend, a, b).ShouldBeFalse();
    }
}
