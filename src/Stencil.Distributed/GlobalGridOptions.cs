namespace Stencil.Distributed;

/// <summary>How a <see cref="GlobalGrid"/> splits its domain. Per-axis arrays list x, y, z; missing entries take the defaults.</summary>
public sealed record GlobalGridOptions
{
    /// <summary>Processes along each axis; 0 (the default) lets MPI choose (<c>MPI_Dims_create</c>: as square as possible, x split first).</summary>
    public int[] Dims { get; init; } = [];

    /// <summary>Whether each axis wraps around (the last block's neighbour is the first). Default: no.</summary>
    public bool[] Periodic { get; init; } = [];

    /// <summary>Points shared by neighbouring blocks along each axis. Default: 2, the halo of a stencil of radius 1.</summary>
    public int[] Overlaps { get; init; } = [];

    /// <summary>
    /// For <see cref="GlobalGrid.FromGlobalSize"/>: take the nearest global sizes the topology can split
    /// (ties upwards) instead of refusing one it cannot; <see cref="GlobalGrid.NxGlobal"/> says what was taken.
    /// </summary>
    public bool AdjustToValid { get; init; }

    internal int DimsAt(int axis) => axis < Dims.Length ? Dims[axis] : 0;

    internal bool PeriodicAt(int axis) => axis < Periodic.Length && Periodic[axis];

    internal int OverlapAt(int axis) => axis < Overlaps.Length ? Overlaps[axis] : 2;
}
