using System.Runtime.Intrinsics;

namespace Stencil.Tests;

/// <summary>
/// The helpers of a CPU gather's masked vectors: <see cref="Launch.LaneMask256{T}"/> sets all bits
/// of exactly the lanes whose x lies in [lo, hi], and <see cref="Launch.Clamp"/> keeps a row index
/// inside its array. Each is checked against a lane-by-lane (index-by-index) reference.
/// </summary>
public sealed class LaneMaskTests
{
    [Theory]
    [InlineData(10, 10, 13)]    // every lane
    [InlineData(10, 12, 20)]    // the right lanes
    [InlineData(10, 0, 10)]     // the first lane only
    [InlineData(10, 14, 20)]    // none (past the vector)
    [InlineData(10, 12, 11)]    // none (empty range)
    [InlineData(-3, -2, 0)]     // negative x
    public void Lane_masks_set_the_lanes_in_range(int start, int lo, int hi)
    {
        var doubles = Launch.LaneMask256<double>(start, lo, hi).AsInt64();
        for (int lane = 0; lane < Vector256<double>.Count; lane++)
            doubles[lane].ShouldBe(lo <= start + lane && start + lane <= hi ? -1L : 0L, $"double lane {lane}");
        var floats = Launch.LaneMask256<float>(start, lo, hi).AsInt32();
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
            floats[lane].ShouldBe(lo <= start + lane && start + lane <= hi ? -1 : 0, $"float lane {lane}");
    }

    [Theory]
    [InlineData(-1, 5, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(4, 5, 4)]
    [InlineData(5, 5, 4)]
    [InlineData(3, 1, 0)]
    public void Clamped_rows_stay_inside_the_array(int index, int count, int expected)
        => Launch.Clamp(index, count).ShouldBe(expected);
}
