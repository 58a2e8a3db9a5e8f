using System.ComponentModel;

namespace Stencil.CompilerServices;

/// <summary>
/// An inclusive box of iteration points (x, y, z). Launchers intersect one box per statement from
/// the extents of the fields the statement touches and its index conditions; kernels loop over it.
/// Plain fields and arithmetic only, so ILGPU kernels can use it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Box : IEquatable<Box>
{
    /// <summary>Inclusive bounds along x.</summary>
    public int XLo, XHi;

    /// <summary>Inclusive bounds along y.</summary>
    public int YLo, YHi;

    /// <summary>Inclusive bounds along z.</summary>
    public int ZLo, ZHi;

    /// <summary>
    /// The box launchers start from: unbounded, except where the runtime restricts the current
    /// thread's launches to a part of the points (a block's boundary slabs or interior).
    /// </summary>
    public static Box Everything => LaunchRegion.Current;

    /// <summary>
    /// The unbounded box, whatever the launch region: the points a primal statement writes, which a
    /// gather (one thread per point of an adjoint) reads across the border of its region.
    /// </summary>
    public static Box Unrestricted => LaunchRegion.Unbounded;

    /// <summary>Whether both boxes have the same bounds.</summary>
    public readonly bool Equals(Box other)
        => XLo == other.XLo && XHi == other.XHi && YLo == other.YLo && YHi == other.YHi && ZLo == other.ZLo && ZHi == other.ZHi;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is Box other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(XLo, XHi, YLo, YHi, ZLo, ZHi);

    /// <summary>True when no point is inside.</summary>
    public readonly bool IsEmpty => XLo > XHi || YLo > YHi || ZLo > ZHi;

    /// <summary>Points along x.</summary>
    public readonly int Width => XHi - XLo + 1;

    /// <summary>Points along y.</summary>
    public readonly int Height => YHi - YLo + 1;

    /// <summary>Points along z.</summary>
    public readonly int Depth => ZHi - ZLo + 1;

    /// <summary>
    /// Keeps the points where a footprint [lo, hi] (offsets from the point, per axis) lies inside
    /// a field: <c>-lo &lt;= i &lt;= n - 1 - hi</c>.
    /// </summary>
    public readonly Box Fit<T>(Field<T> field, int xlo, int xhi) where T : unmanaged
        => Fit(field, xlo, xhi, 0, 0, 0, 0);

    /// <inheritdoc cref="Fit{T}(Field{T}, int, int)"/>
    public readonly Box Fit<T>(Field<T> field, int xlo, int xhi, int ylo, int yhi) where T : unmanaged
        => Fit(field, xlo, xhi, ylo, yhi, 0, 0);

    /// <inheritdoc cref="Fit{T}(Field{T}, int, int)"/>
    public readonly Box Fit<T>(Field<T> field, int xlo, int xhi, int ylo, int yhi, int zlo, int zhi) where T : unmanaged
    {
        var box = this;
        box.XLo = Math.Max(box.XLo, -xlo);
        box.XHi = Math.Min(box.XHi, field.Nx - 1 - xhi);
        box.YLo = Math.Max(box.YLo, -ylo);
        box.YHi = Math.Min(box.YHi, field.Ny - 1 - yhi);
        box.ZLo = Math.Max(box.ZLo, -zlo);
        box.ZHi = Math.Min(box.ZHi, field.Nz - 1 - zhi);
        return box;
    }

    /// <summary>Keeps the points whose index along <paramref name="axis"/> is at least <paramref name="value"/>.</summary>
    public readonly Box AtLeast(int axis, int value)
    {
        var box = this;
        if (axis == 0) box.XLo = Math.Max(box.XLo, value);
        else if (axis == 1) box.YLo = Math.Max(box.YLo, value);
        else box.ZLo = Math.Max(box.ZLo, value);
        return box;
    }

    /// <summary>Keeps the points whose index along <paramref name="axis"/> is at most <paramref name="value"/>.</summary>
    public readonly Box AtMost(int axis, int value)
    {
        var box = this;
        if (axis == 0) box.XHi = Math.Min(box.XHi, value);
        else if (axis == 1) box.YHi = Math.Min(box.YHi, value);
        else box.ZHi = Math.Min(box.ZHi, value);
        return box;
    }

    /// <summary>The smallest box holding both; an empty box adds nothing.</summary>
    public readonly Box Union(Box other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        return new Box
        {
            XLo = Math.Min(XLo, other.XLo), XHi = Math.Max(XHi, other.XHi),
            YLo = Math.Min(YLo, other.YLo), YHi = Math.Max(YHi, other.YHi),
            ZLo = Math.Min(ZLo, other.ZLo), ZHi = Math.Max(ZHi, other.ZHi),
        };
    }

    /// <summary>The box moved by an offset: the points a statement writes at <c>[Ix + x, Iy + y, Iz + z]</c> from the box it runs on.</summary>
    public readonly Box Shifted(int x, int y, int z)
        => IsEmpty ? this : new Box { XLo = XLo + x, XHi = XHi + x, YLo = YLo + y, YHi = YHi + y, ZLo = ZLo + z, ZHi = ZHi + z };

    /// <summary>True when both boxes hold the same points.</summary>
    public readonly bool SamePoints(Box other) => (IsEmpty && other.IsEmpty)
        || (XLo == other.XLo && XHi == other.XHi && YLo == other.YLo && YHi == other.YHi && ZLo == other.ZLo && ZHi == other.ZHi);

    /// <summary>True when the 1D point is inside.</summary>
    public readonly bool Contains(int x) => XLo <= x && x <= XHi;

    /// <summary>True when the 2D point is inside.</summary>
    public readonly bool Contains(int x, int y) => XLo <= x && x <= XHi && YLo <= y && y <= YHi;

    /// <summary>True when the 3D point is inside.</summary>
    public readonly bool Contains(int x, int y, int z) => XLo <= x && x <= XHi && YLo <= y && y <= YHi && ZLo <= z && z <= ZHi;

    /// <inheritdoc />
    public override readonly string ToString() => IsEmpty ? "empty" : $"[{XLo}..{XHi}] x [{YLo}..{YHi}] x [{ZLo}..{ZHi}]";
}
