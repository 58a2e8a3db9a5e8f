using System.Runtime.InteropServices;

namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    /// <summary>
    /// The global field on rank <paramref name="root"/> (x fastest, <see cref="GlobalExtent"/> points per
    /// axis), assembled from the points each process owns; null on the other processes. Every process
    /// must call it. For output: figures, files, summaries written once.
    /// </summary>
    public T[]? Gather<T>(Field<T> field, int root = 0) where T : unmanaged
    {
        CheckField(field);
        int[] extents = [field.Nx, field.Ny, field.Nz];
        int[] global = [1, 1, 1];
        for (int axis = 0; axis < Dimensions; axis++) global[axis] = GlobalExtent(axis, extents[axis]);
        var mine = new T[FieldRegion.Points(OwnedBox(field))];
        FieldRegion.CopyToHost(field, OwnedBox(field), mine);
        if (_messages is null) return Place(mine, extents, global, _coords);

        int size = Processes;
        var boxes = Enumerable.Range(0, size).Select(r => BlockOf(r, extents)).ToArray();
        int[] counts = boxes.Select(b => checked(FieldRegion.Points(b.Owned) * Marshal.SizeOf<T>())).ToArray();
        var all = new byte[Rank == root ? counts.Sum(c => (long)c) : 0];
        _messages.Gather(MemoryMarshal.AsBytes(mine.AsSpan()), all, counts, root);
        if (Rank != root) return null;

        var result = new T[(long)global[0] * global[1] * global[2]];
        var values = MemoryMarshal.Cast<byte, T>(all.AsSpan());
        int offset = 0;
        for (int r = 0; r < size; r++)
        {
            Place(values.Slice(offset, FieldRegion.Points(boxes[r].Owned)), boxes[r].Owned, boxes[r].Coords, extents, global, result);
            offset += FieldRegion.Points(boxes[r].Owned);
        }
        return result;
    }

    private T[] Place<T>(T[] owned, int[] extents, int[] global, int[] coords) where T : unmanaged
    {
        var result = new T[(long)global[0] * global[1] * global[2]];
        var box = BlockOf(Rank, extents).Owned;
        Place<T>(owned, box, coords, extents, global, result);
        return result;
    }

    /// <summary>Copies a block's owned points (x fastest) to their global positions.</summary>
    private void Place<T>(ReadOnlySpan<T> owned, Box box, int[] coords, int[] extents, int[] global, T[] result) where T : unmanaged
    {
        int p = 0;
        for (int k = box.ZLo; k <= box.ZHi; k++)
        {
            int gk = Dimensions > 2 ? GlobalIndex(2, k, extents[2], coords[2]) : 0;
            for (int j = box.YLo; j <= box.YHi; j++)
            {
                int gj = Dimensions > 1 ? GlobalIndex(1, j, extents[1], coords[1]) : 0;
                for (int i = box.XLo; i <= box.XHi; i++)
                {
                    int gi = GlobalIndex(0, i, extents[0], coords[0]);
                    result[gi + (long)global[0] * (gj + (long)global[1] * gk)] = owned[p++];
                }
            }
        }
    }

    /// <summary>The coordinates of rank <paramref name="rank"/> and the box it owns of a field with these local extents.</summary>
    private (int[] Coords, Box Owned) BlockOf(int rank, int[] extents)
    {
        var coords = _cartesian is null ? (int[])_coords.Clone() : _cartesian.GetCartesianCoordinates(rank);
        var (x0, x1) = OwnedRange(0, extents[0], coords[0]);
        var (y0, y1) = Dimensions > 1 ? OwnedRange(1, extents[1], coords[1]) : (0, 1);
        var (z0, z1) = Dimensions > 2 ? OwnedRange(2, extents[2], coords[2]) : (0, 1);
        return (coords, new Box { XLo = x0, XHi = x1 - 1, YLo = y0, YHi = y1 - 1, ZLo = z0, ZHi = z1 - 1 });
    }
}
