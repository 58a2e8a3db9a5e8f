namespace Stencil.Tests;

/// <summary>
/// The helpers of a CPU gather's vectors: <see cref="Launch.Clamp"/> keeps a row index inside its
/// array, and <see cref="Launch.AlignedStart{T}"/> moves the vectors' start to an aligned
/// element when the end vector can take the points before it. Each is checked against values or
/// addresses worked out by hand.
/// </summary>
public sealed class GatherHelperTests
{
    [Theory]
    [InlineData(-1, 5, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(4, 5, 4)]
    [InlineData(5, 5, 4)]
    [InlineData(3, 1, 0)]
    public void Clamped_rows_stay_inside_the_array(int index, int count, int expected)
        => Launch.Clamp(index, count).ShouldBe(expected);

    [Theory]
    // The row's element 0 lies 8 bytes past a 32-byte boundary (one double): x = 3 is aligned to
    // 4 doubles, so is x = 7.
    [InlineData(2, 0, 250, 3)]      // moved to 3; the end vector from x = 0 takes 0..2
    [InlineData(3, 0, 250, 3)]      // already aligned
    [InlineData(1, 0, 250, 3)]      // moved by 2
    [InlineData(4, 0, 250, 4)]      // 7 would leave 0..2 to the scalar loop: stays
    [InlineData(2, 0, 4, 2)]        // no whole vector from 3 before xb = 4: stays
    [InlineData(2, 0, 6, 3)]        // 3..6 is one vector: moved
    [InlineData(6, 3, 250, 7)]      // the end vector from x = 3 takes 3..6
    public unsafe void Gather_vectors_start_at_an_aligned_element_when_the_end_vector_covers_the_points_before(int xa, int first, int xb, int expected)
    {
        // 64-byte aligned memory, the row starting one double in.
        double* memory = (double*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(4096, 64);
        try
        {
            double* row = memory + 1;
            int start = Launch.AlignedStart(row, xa, first, xb, 4);
            start.ShouldBe(expected);
            if (start != xa) ((nuint)(row + start) % 32).ShouldBe(0u);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(memory);
        }
    }
}
