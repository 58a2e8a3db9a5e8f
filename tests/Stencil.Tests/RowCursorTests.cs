namespace Stencil.Tests;

/// <summary>
/// <see cref="RowCursor"/> steps through the rows of a 3D CPU kernel in the order that
/// <see cref="Launch.Row"/> computes by division, from any first row: y blocks, all of z within a
/// block, y fastest, with a last block shorter than the others.
/// </summary>
public sealed class RowCursorTests
{
    [Theory]
    [InlineData(0, 9, 0, 4, 10, 0)]      // one block: the whole height
    [InlineData(0, 9, 0, 4, 4, 0)]       // blocks of 4, 4 and 2 rows
    [InlineData(1, 7, 2, 5, 3, 0)]       // a box that does not start at 0
    [InlineData(1, 7, 2, 5, 3, 13)]      // starting inside the second block
    [InlineData(0, 0, 0, 6, 1, 3)]       // a single row per plane
    public void Steps_through_the_rows_as_Launch_Row_numbers_them(int yLo, int yHi, int zLo, int zHi, int blockHeight, int begin)
    {
        var all = new Box { XLo = 0, XHi = 7, YLo = yLo, YHi = yHi, ZLo = zLo, ZHi = zHi };
        int rows = all.Height * all.Depth;
        var cursor = new RowCursor(all, blockHeight, begin);
        for (int row = begin; row < rows; row++, cursor.Next())
        {
            Launch.Row(all, blockHeight, row, out int iy, out int iz);
            (cursor.Y, cursor.Z).ShouldBe((iy, iz), $"row {row}");
        }
    }
}
