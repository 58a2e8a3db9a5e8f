using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Stencil.CompilerServices;

/// <summary>
/// The (iy, iz) of consecutive rows of a 3D CPU kernel, in the order of <see cref="Launch.Row"/>
/// (y blocks, all of z within a block, y fastest), found by stepping from the first row instead of
/// dividing each row index: integer divisions per row are a measurable part of a short kernel's time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct RowCursor
{
    private readonly int _blockHeight, _yHi, _zLo, _zHi;
    private int _blockLo, _blockHi;

    /// <summary>The cursor at row <paramref name="row"/> of <paramref name="all"/>.</summary>
    public RowCursor(in Box all, int blockHeight, int row)
    {
        Launch.Row(all, blockHeight, row, out int iy, out int iz);
        Y = iy;
        Z = iz;
        _blockHeight = blockHeight;
        _yHi = all.YHi;
        _zLo = all.ZLo;
        _zHi = all.ZHi;
        _blockLo = all.YLo + (iy - all.YLo) / blockHeight * blockHeight;
        _blockHi = Math.Min(_blockLo + blockHeight - 1, _yHi);
    }

    /// <summary>The row's y.</summary>
    public int Y { get; private set; }

    /// <summary>The row's z.</summary>
    public int Z { get; private set; }

    /// <summary>Moves to the next row: y + 1 within the block, else the next z, else the next block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next()
    {
        if (++Y <= _blockHi) return;
        Y = _blockLo;
        if (++Z <= _zHi) return;
        Z = _zLo;
        _blockLo += _blockHeight;
        _blockHi = Math.Min(_blockLo + _blockHeight - 1, _yHi);
        Y = _blockLo;
    }
}
