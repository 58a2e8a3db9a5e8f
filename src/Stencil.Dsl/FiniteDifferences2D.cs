namespace Stencil;

/// <summary>
/// ParallelStencil's FiniteDifferences2D operators for [Stencil] methods (<c>using static Stencil.FiniteDifferences2D;</c>).
/// Each comment gives the exact points read at iteration point (ix, iy, iz), 0-based, and the extent
/// of the result for an argument of extent (nx, ny, nz). Selections (All, Inn, Inn...) may be
/// written to; the others are read-only. As in ParallelStencil, the written selection decides
/// where a statement runs, so staggered arrays (one point larger or smaller) line up; every read
/// must reach all those points, otherwise the launcher throws before computing anything.
/// </summary>
public static class FiniteDifferences2D
{
    /// <summary>Selection: <c>A[ix, iy]</c>; extent (nx, ny).</summary>
    public static ref T All<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(All));

    /// <summary>Selection: <c>A[ix+1, iy+1]</c>; extent (nx-2, ny-2).</summary>
    public static ref T Inn<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Inn));

    /// <summary>Selection: <c>A[ix+1, iy]</c>; extent (nx-2, ny).</summary>
    public static ref T InnX<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnX));

    /// <summary>Selection: <c>A[ix, iy+1]</c>; extent (nx, ny-2).</summary>
    public static ref T InnY<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnY));

    /// <summary>Difference: <c>A[ix+1, iy] - A[ix, iy]</c>; extent (nx-1, ny).</summary>
    public static T DXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DXa));

    /// <summary>Difference: <c>A[ix, iy+1] - A[ix, iy]</c>; extent (nx, ny-1).</summary>
    public static T DYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DYa));

    /// <summary>Difference: <c>A[ix+1, iy+1] - A[ix, iy+1]</c>; extent (nx-1, ny-2).</summary>
    public static T DXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DXi));

    /// <summary>Difference: <c>A[ix+1, iy+1] - A[ix+1, iy]</c>; extent (nx-2, ny-1).</summary>
    public static T DYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DYi));

    /// <summary>Second difference: <c>(A[ix+2, iy] - A[ix+1, iy]) - (A[ix+1, iy] - A[ix, iy])</c>; extent (nx-2, ny).</summary>
    public static T D2Xa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Xa));

    /// <summary>Second difference: <c>(A[ix, iy+2] - A[ix, iy+1]) - (A[ix, iy+1] - A[ix, iy])</c>; extent (nx, ny-2).</summary>
    public static T D2Ya<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Ya));

    /// <summary>Second difference: <c>(A[ix+2, iy+1] - A[ix+1, iy+1]) - (A[ix+1, iy+1] - A[ix, iy+1])</c>; extent (nx-2, ny-2).</summary>
    public static T D2Xi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Xi));

    /// <summary>Second difference: <c>(A[ix+1, iy+2] - A[ix+1, iy+1]) - (A[ix+1, iy+1] - A[ix+1, iy])</c>; extent (nx-2, ny-2).</summary>
    public static T D2Yi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Yi));

    /// <summary>Average: <c>(A[ix, iy] + A[ix, iy+1] + A[ix+1, iy] + A[ix+1, iy+1]) / 4</c>; extent (nx-1, ny-1).</summary>
    public static T Av<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Av));

    /// <summary>Average: <c>(A[ix, iy] + A[ix+1, iy]) / 2</c>; extent (nx-1, ny).</summary>
    public static T AvXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXa));

    /// <summary>Average: <c>(A[ix, iy] + A[ix, iy+1]) / 2</c>; extent (nx, ny-1).</summary>
    public static T AvYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYa));

    /// <summary>Average: <c>(A[ix, iy+1] + A[ix+1, iy+1]) / 2</c>; extent (nx-1, ny-2).</summary>
    public static T AvXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXi));

    /// <summary>Average: <c>(A[ix+1, iy] + A[ix+1, iy+1]) / 2</c>; extent (nx-2, ny-1).</summary>
    public static T AvYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYi));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy] + 1/A[ix, iy+1] + 1/A[ix+1, iy] + 1/A[ix+1, iy+1])</c>; extent (nx-1, ny-1).</summary>
    public static T Harm<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Harm));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy] + 1/A[ix+1, iy])</c>; extent (nx-1, ny).</summary>
    public static T HarmXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXa));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy] + 1/A[ix, iy+1])</c>; extent (nx, ny-1).</summary>
    public static T HarmYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYa));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy+1] + 1/A[ix+1, iy+1])</c>; extent (nx-1, ny-2).</summary>
    public static T HarmXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXi));

    /// <summary>Harmonic average: <c>2 / (1/A[ix+1, iy] + 1/A[ix+1, iy+1])</c>; extent (nx-2, ny-1).</summary>
    public static T HarmYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYi));

    /// <summary>Maximum over the 3-point-per-axis cross: <c>max of A[ix+1, iy+1], A[ix, iy+1], A[ix+2, iy+1], A[ix+1, iy], A[ix+1, iy+2]</c>; extent (nx-2, ny-2).</summary>
    public static T MaxLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MaxLoc));

    /// <summary>Minimum over the 3-point-per-axis cross: <c>min of A[ix+1, iy+1], A[ix, iy+1], A[ix+2, iy+1], A[ix+1, iy], A[ix+1, iy+2]</c>; extent (nx-2, ny-2).</summary>
    public static T MinLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MinLoc));
}
