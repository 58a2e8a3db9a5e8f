namespace Stencil;

/// <summary>
/// The point indices of the index form (ParallelStencil's <c>@parallel_indices</c>): inside a
/// [Stencil] method, <c>A[Ix + 1, Iy]</c> reads A one point to the right of the current point, and
/// conditions such as <c>if (Ix == 0)</c> or <c>if (Ix == A.Nx - 1)</c> select boundary points.
/// Indices are 0-based; offsets must be integer constants.
/// </summary>
public static class Indices
{
    /// <summary>The current point's x index.</summary>
    public static int Ix => throw StencilOnly.Error(nameof(Ix));

    /// <summary>The current point's y index.</summary>
    public static int Iy => throw StencilOnly.Error(nameof(Iy));

    /// <summary>The current point's z index.</summary>
    public static int Iz => throw StencilOnly.Error(nameof(Iz));
}
