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
