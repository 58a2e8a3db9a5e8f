using System.Runtime.InteropServices;

namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    private readonly List<HaloBuffers> _halo = [];

    /// <summary>
    /// Refreshes the halo points of every field in <paramref name="fields"/> from the processes that
    /// own them (ImplicitGlobalGrid's <c>update_halo!</c>). Along each axis, a field whose overlap with
    /// the neighbouring block is at least 2 receives every point of the overlap that the neighbour
    /// owns (overlap / 2 planes on the left, the rest on the right), so afterwards each local point
    /// holds its owner's value; a field with a smaller overlap (one point smaller than the block)
    /// shares no halo and is left alone. Axes are exchanged one after another, each sending planes
    /// that include the halos the axes before it filled, so edges and corners arrive without diagonal
    /// messages. All fields' messages of an axis travel at once (non-blocking); the buffers are kept
    /// for the next update, so an update allocates nothing. CPU fields are packed from native memory,
    /// accelerator fields through a device staging buffer and the host.
    /// </summary>
    public void UpdateHalo<T>(params ReadOnlySpan<Field<T>> fields) where T : unmanaged
    {
        foreach (var field in fields) CheckField(field);
        while (_halo.Count < fields.Length) _halo.Add(new HaloBuffers());
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int axis = 0; axis < Dimensions; axis++)
        {
            int left = _left[axis], right = _right[axis];
            if (left < 0 && right < 0) continue;
            for (int q = 0; q < fields.Length; q++) Start(axis, q, fields[q], left, right);
            _messages?.WaitAll();
            for (int q = 0; q < fields.Length; q++) Finish(axis, q, fields[q], left, right);
        }
        HaloSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        HaloUpdates++;
    }

    /// <summary>Halo updates made so far, the seconds they took, and the bytes this process sent in them.</summary>
    public long HaloUpdates { get; private set; }

    /// <inheritdoc cref="HaloUpdates"/>
    public double HaloSeconds { get; private set; }

    /// <inheritdoc cref="HaloUpdates"/>
    public long HaloBytesSent { get; private set; }

    /// <summary>Planes [start, start + count) of a field along an axis.</summary>
    private static Box Planes<T>(Field<T> field, int axis, int start, int count) where T : unmanaged
    {
        var box = new Box { XLo = 0, XHi = field.Nx - 1, YLo = 0, YHi = field.Ny - 1, ZLo = 0, ZHi = field.Nz - 1 };
        if (axis == 0) (box.XLo, box.XHi) = (start, start + count - 1);
        else if (axis == 1) (box.YLo, box.YHi) = (start, start + count - 1);
        else (box.ZLo, box.ZHi) = (start, start + count - 1);
        return box;
    }

    /// <summary>A field's overlap along an axis, its extent, and the planes its left and right halos hold.</summary>
    private (int Overlap, int Extent, int Left, int Right) Halo<T>(Field<T> field, int axis) where T : unmanaged
    {
        int extent = axis == 0 ? field.Nx : axis == 1 ? field.Ny : field.Nz;
        int overlap = FieldOverlap(axis, extent);
        return (overlap, extent, overlap / 2, overlap - overlap / 2);
    }

    private unsafe void Start<T>(int axis, int q, Field<T> field, int left, int right) where T : unmanaged
    {
        var (overlap, extent, wl, wr) = Halo(field, axis);
        if (overlap < 2) return;
        // To the left go the owned planes the left neighbour holds as its right halo, and vice versa.
        var toLeft = Planes(field, axis, wl, wr);
        var toRight = Planes(field, axis, extent - overlap, wl);
        int plane = FieldRegion.Points(toLeft) / wr;
        int bytesLeft = checked(wl * plane * sizeof(T)), bytesRight = checked(wr * plane * sizeof(T));
        var b = _halo[q];
        b.Reserve(Math.Max(bytesLeft, bytesRight));
        // Tags: 2q for messages travelling left, 2q + 1 for those travelling right.
        if (left >= 0 && left != Rank) _messages!.Receive(b.FromLeft, bytesLeft, left, 2 * q + 1);
        if (right >= 0 && right != Rank) _messages!.Receive(b.FromRight, bytesRight, right, 2 * q);
        if (left >= 0)
        {
            FieldRegion.CopyToHost(field, toLeft, new Span<T>(b.ToLeft, wr * plane));
            if (left == Rank) Buffer.MemoryCopy(b.ToLeft, b.FromRight, bytesRight, bytesRight);   // periodic on one process: its own right halo
            else
            {
                _messages!.Send(b.ToLeft, bytesRight, left, 2 * q);
                HaloBytesSent += bytesRight;
            }
        }
        if (right >= 0)
        {
            FieldRegion.CopyToHost(field, toRight, new Span<T>(b.ToRight, wl * plane));
            if (right == Rank) Buffer.MemoryCopy(b.ToRight, b.FromLeft, bytesLeft, bytesLeft);
            else
            {
                _messages!.Send(b.ToRight, bytesLeft, right, 2 * q + 1);
                HaloBytesSent += bytesLeft;
            }
        }
    }

    private unsafe void Finish<T>(int axis, int q, Field<T> field, int left, int right) where T : unmanaged
    {
        var (overlap, extent, wl, wr) = Halo(field, axis);
        if (overlap < 2) return;
        var b = _halo[q];
        var fromLeft = Planes(field, axis, 0, wl);
        var fromRight = Planes(field, axis, extent - wr, wr);
        if (left >= 0) FieldRegion.CopyFromHost(field, fromLeft, new ReadOnlySpan<T>(b.FromLeft, FieldRegion.Points(fromLeft)));
        if (right >= 0) FieldRegion.CopyFromHost(field, fromRight, new ReadOnlySpan<T>(b.FromRight, FieldRegion.Points(fromRight)));
    }

    /// <summary>Native send and receive buffers of one field slot, grown when a larger field comes, never shrunk.</summary>
    private sealed unsafe class HaloBuffers : IDisposable
    {
        private int _bytes;

        public byte* ToLeft, ToRight, FromLeft, FromRight;

        public void Reserve(int bytes)
        {
            if (bytes <= _bytes) return;
            Dispose();
            ToLeft = (byte*)NativeMemory.Alloc((nuint)bytes);
            ToRight = (byte*)NativeMemory.Alloc((nuint)bytes);
            FromLeft = (byte*)NativeMemory.Alloc((nuint)bytes);
            FromRight = (byte*)NativeMemory.Alloc((nuint)bytes);
            _bytes = bytes;
        }

        public void Dispose()
        {
            NativeMemory.Free(ToLeft);
            NativeMemory.Free(ToRight);
            NativeMemory.Free(FromLeft);
            NativeMemory.Free(FromRight);
            ToLeft = ToRight = FromLeft = FromRight = null;
            _bytes = 0;
        }
    }
}
