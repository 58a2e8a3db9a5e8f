namespace Stencil;

/// <summary>
/// ParallelStencil's FiniteDifferences1D operators for [Stencil] methods (<c>using static Stencil.FiniteDifferences1D;</c>).
/// Each comment gives the exact points read at iteration point (ix, iy, iz), 0-based, and the extent
/// of the result for an argument of extent (nx, ny, nz). Selections (All, Inn, Inn...) may be
/// written to; the others are read-only. As in ParallelStencil, the written selection decides
/// where a statement runs, so staggered arrays (one point larger or smaller) line up; every read
/// must reach all those points, otherwise the launcher throws before computing anything.
/// </summary>
public static class FiniteDifferences1D
{
    /// <summary>Selection: <c>A[ix]</c>; extent (nx).</summary>
    public static ref T All<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(All));

    /// <summary>Selection: <c>A[ix+1]</c>; extent (nx-2).</summary>
    public static ref T Inn<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Inn));

    /// <summary>Difference: <c>A[ix+1] - A[ix]</c>; extent (nx-1).</summary>
    public static T D<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D));

    /// <summary>Second difference: <c>(A[ix+2] - A[ix+1]) - (A[ix+1] - A[ix])</c>; extent (nx-2).</summary>
    public static T D2<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2));

    /// <summary>Average: <c>(A[ix] + A[ix+1]) / 2</c>; extent (nx-1).</summary>
    public static T Av<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Av));

    /// <summary>Harmonic average: <c>2 / (1/A[ix] + 1/A[ix+1])</c>; extent (nx-1).</summary>
    public static T Harm<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Harm));

    /// <summary>Maximum over the 3-point-per-axis cross: <c>max of A[ix+1], A[ix], A[ix+2]</c>; extent (nx-2).</summary>
    public static T MaxLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MaxLoc));

    /// <summary>Minimum over the 3-point-per-axis cross: <c>min of A[ix+1], A[ix], A[ix+2]</c>; extent (nx-2).</summary>
    public static T MinLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MinLoc));
}
