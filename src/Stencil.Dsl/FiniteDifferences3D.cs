namespace Stencil;

/// <summary>
/// ParallelStencil's FiniteDifferences3D operators for [Stencil] methods (<c>using static Stencil.FiniteDifferences3D;</c>).
/// Each comment gives the exact points read at iteration point (ix, iy, iz), 0-based, and the extent
/// of the result for an argument of extent (nx, ny, nz). Selections (All, Inn, Inn...) may be
/// written to; the others are read-only. As in ParallelStencil, the written selection decides
/// where a statement runs, so staggered arrays (one point larger or smaller) line up; every read
/// must reach all those points, otherwise the launcher throws before computing anything.
/// </summary>
public static class FiniteDifferences3D
{
    /// <summary>Selection: <c>A[ix, iy, iz]</c>; extent (nx, ny, nz).</summary>
    public static ref T All<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(All));

    /// <summary>Selection: <c>A[ix+1, iy+1, iz+1]</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static ref T Inn<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Inn));

    /// <summary>Selection: <c>A[ix+1, iy, iz]</c>; extent (nx-2, ny, nz).</summary>
    public static ref T InnX<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnX));

    /// <summary>Selection: <c>A[ix, iy+1, iz]</c>; extent (nx, ny-2, nz).</summary>
    public static ref T InnY<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnY));

    /// <summary>Selection: <c>A[ix, iy, iz+1]</c>; extent (nx, ny, nz-2).</summary>
    public static ref T InnZ<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnZ));

    /// <summary>Selection: <c>A[ix+1, iy+1, iz]</c>; extent (nx-2, ny-2, nz).</summary>
    public static ref T InnXY<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnXY));

    /// <summary>Selection: <c>A[ix+1, iy, iz+1]</c>; extent (nx-2, ny, nz-2).</summary>
    public static ref T InnXZ<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnXZ));

    /// <summary>Selection: <c>A[ix, iy+1, iz+1]</c>; extent (nx, ny-2, nz-2).</summary>
    public static ref T InnYZ<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(InnYZ));

    /// <summary>Difference: <c>A[ix+1, iy, iz] - A[ix, iy, iz]</c>; extent (nx-1, ny, nz).</summary>
    public static T DXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DXa));

    /// <summary>Difference: <c>A[ix, iy+1, iz] - A[ix, iy, iz]</c>; extent (nx, ny-1, nz).</summary>
    public static T DYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DYa));

    /// <summary>Difference: <c>A[ix, iy, iz+1] - A[ix, iy, iz]</c>; extent (nx, ny, nz-1).</summary>
    public static T DZa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DZa));

    /// <summary>Difference: <c>A[ix+1, iy+1, iz+1] - A[ix, iy+1, iz+1]</c>; extent (nx-1, ny-2, nz-2).</summary>
    public static T DXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DXi));

    /// <summary>Difference: <c>A[ix+1, iy+1, iz+1] - A[ix+1, iy, iz+1]</c>; extent (nx-2, ny-1, nz-2).</summary>
    public static T DYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DYi));

    /// <summary>Difference: <c>A[ix+1, iy+1, iz+1] - A[ix+1, iy+1, iz]</c>; extent (nx-2, ny-2, nz-1).</summary>
    public static T DZi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(DZi));

    /// <summary>Second difference: <c>(A[ix+2, iy+1, iz+1] - A[ix+1, iy+1, iz+1]) - (A[ix+1, iy+1, iz+1] - A[ix, iy+1, iz+1])</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static T D2Xi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Xi));

    /// <summary>Second difference: <c>(A[ix+1, iy+2, iz+1] - A[ix+1, iy+1, iz+1]) - (A[ix+1, iy+1, iz+1] - A[ix+1, iy, iz+1])</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static T D2Yi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Yi));

    /// <summary>Second difference: <c>(A[ix+1, iy+1, iz+2] - A[ix+1, iy+1, iz+1]) - (A[ix+1, iy+1, iz+1] - A[ix+1, iy+1, iz])</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static T D2Zi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(D2Zi));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy, iz+1] + A[ix, iy+1, iz] + A[ix, iy+1, iz+1] + A[ix+1, iy, iz] + A[ix+1, iy, iz+1] + A[ix+1, iy+1, iz] + A[ix+1, iy+1, iz+1]) / 8</c>; extent (nx-1, ny-1, nz-1).</summary>
    public static T Av<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Av));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix+1, iy, iz]) / 2</c>; extent (nx-1, ny, nz).</summary>
    public static T AvXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXa));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy+1, iz]) / 2</c>; extent (nx, ny-1, nz).</summary>
    public static T AvYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYa));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy, iz+1]) / 2</c>; extent (nx, ny, nz-1).</summary>
    public static T AvZa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvZa));

    /// <summary>Average: <c>(A[ix, iy+1, iz+1] + A[ix+1, iy+1, iz+1]) / 2</c>; extent (nx-1, ny-2, nz-2).</summary>
    public static T AvXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXi));

    /// <summary>Average: <c>(A[ix+1, iy, iz+1] + A[ix+1, iy+1, iz+1]) / 2</c>; extent (nx-2, ny-1, nz-2).</summary>
    public static T AvYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYi));

    /// <summary>Average: <c>(A[ix+1, iy+1, iz] + A[ix+1, iy+1, iz+1]) / 2</c>; extent (nx-2, ny-2, nz-1).</summary>
    public static T AvZi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvZi));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy+1, iz] + A[ix+1, iy, iz] + A[ix+1, iy+1, iz]) / 4</c>; extent (nx-1, ny-1, nz).</summary>
    public static T AvXya<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXya));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy, iz+1] + A[ix+1, iy, iz] + A[ix+1, iy, iz+1]) / 4</c>; extent (nx-1, ny, nz-1).</summary>
    public static T AvXza<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXza));

    /// <summary>Average: <c>(A[ix, iy, iz] + A[ix, iy, iz+1] + A[ix, iy+1, iz] + A[ix, iy+1, iz+1]) / 4</c>; extent (nx, ny-1, nz-1).</summary>
    public static T AvYza<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYza));

    /// <summary>Average: <c>(A[ix, iy, iz+1] + A[ix, iy+1, iz+1] + A[ix+1, iy, iz+1] + A[ix+1, iy+1, iz+1]) / 4</c>; extent (nx-1, ny-1, nz-2).</summary>
    public static T AvXyi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXyi));

    /// <summary>Average: <c>(A[ix, iy+1, iz] + A[ix, iy+1, iz+1] + A[ix+1, iy+1, iz] + A[ix+1, iy+1, iz+1]) / 4</c>; extent (nx-1, ny-2, nz-1).</summary>
    public static T AvXzi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvXzi));

    /// <summary>Average: <c>(A[ix+1, iy, iz] + A[ix+1, iy, iz+1] + A[ix+1, iy+1, iz] + A[ix+1, iy+1, iz+1]) / 4</c>; extent (nx-2, ny-1, nz-1).</summary>
    public static T AvYzi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(AvYzi));

    /// <summary>Harmonic average: <c>8 / (1/A[ix, iy, iz] + 1/A[ix, iy, iz+1] + 1/A[ix, iy+1, iz] + 1/A[ix, iy+1, iz+1] + 1/A[ix+1, iy, iz] + 1/A[ix+1, iy, iz+1] + 1/A[ix+1, iy+1, iz] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-1, ny-1, nz-1).</summary>
    public static T Harm<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(Harm));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy, iz] + 1/A[ix+1, iy, iz])</c>; extent (nx-1, ny, nz).</summary>
    public static T HarmXa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXa));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy, iz] + 1/A[ix, iy+1, iz])</c>; extent (nx, ny-1, nz).</summary>
    public static T HarmYa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYa));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy, iz] + 1/A[ix, iy, iz+1])</c>; extent (nx, ny, nz-1).</summary>
    public static T HarmZa<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmZa));

    /// <summary>Harmonic average: <c>2 / (1/A[ix, iy+1, iz+1] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-1, ny-2, nz-2).</summary>
    public static T HarmXi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXi));

    /// <summary>Harmonic average: <c>2 / (1/A[ix+1, iy, iz+1] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-2, ny-1, nz-2).</summary>
    public static T HarmYi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYi));

    /// <summary>Harmonic average: <c>2 / (1/A[ix+1, iy+1, iz] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-2, ny-2, nz-1).</summary>
    public static T HarmZi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmZi));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy, iz] + 1/A[ix, iy+1, iz] + 1/A[ix+1, iy, iz] + 1/A[ix+1, iy+1, iz])</c>; extent (nx-1, ny-1, nz).</summary>
    public static T HarmXya<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXya));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy, iz] + 1/A[ix, iy, iz+1] + 1/A[ix+1, iy, iz] + 1/A[ix+1, iy, iz+1])</c>; extent (nx-1, ny, nz-1).</summary>
    public static T HarmXza<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXza));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy, iz] + 1/A[ix, iy, iz+1] + 1/A[ix, iy+1, iz] + 1/A[ix, iy+1, iz+1])</c>; extent (nx, ny-1, nz-1).</summary>
    public static T HarmYza<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYza));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy, iz+1] + 1/A[ix, iy+1, iz+1] + 1/A[ix+1, iy, iz+1] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-1, ny-1, nz-2).</summary>
    public static T HarmXyi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXyi));

    /// <summary>Harmonic average: <c>4 / (1/A[ix, iy+1, iz] + 1/A[ix, iy+1, iz+1] + 1/A[ix+1, iy+1, iz] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-1, ny-2, nz-1).</summary>
    public static T HarmXzi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmXzi));

    /// <summary>Harmonic average: <c>4 / (1/A[ix+1, iy, iz] + 1/A[ix+1, iy, iz+1] + 1/A[ix+1, iy+1, iz] + 1/A[ix+1, iy+1, iz+1])</c>; extent (nx-2, ny-1, nz-1).</summary>
    public static T HarmYzi<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(HarmYzi));

    /// <summary>Maximum over the 3-point-per-axis cross: <c>max of A[ix+1, iy+1, iz+1], A[ix, iy+1, iz+1], A[ix+2, iy+1, iz+1], A[ix+1, iy, iz+1], A[ix+1, iy+2, iz+1], A[ix+1, iy+1, iz], A[ix+1, iy+1, iz+2]</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static T MaxLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MaxLoc));

    /// <summary>Minimum over the 3-point-per-axis cross: <c>min of A[ix+1, iy+1, iz+1], A[ix, iy+1, iz+1], A[ix+2, iy+1, iz+1], A[ix+1, iy, iz+1], A[ix+1, iy+2, iz+1], A[ix+1, iy+1, iz], A[ix+1, iy+1, iz+2]</c>; extent (nx-2, ny-2, nz-2).</summary>
    public static T MinLoc<T>(Field<T> A) where T : unmanaged => throw StencilOnly.Error(nameof(MinLoc));
}
