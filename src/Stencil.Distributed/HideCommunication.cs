namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    /// <summary>
    /// Runs <paramref name="compute"/>, then updates the halos of <paramref name="fields"/>, with the
    /// messages hidden behind the computation (ParallelStencil's <c>@hide_communication</c>): the
    /// launches in <paramref name="compute"/> first run on the boundary slabs of the block
    /// (<paramref name="boundaryWidths"/> points per axis, e.g. 16, 8, 4), which hold every point the
    /// exchange sends; then the exchange runs on this thread while another thread computes the
    /// interior. The slabs and the interior partition the points, so the results are those of
    /// <c>compute(); UpdateHalo(fields)</c> bit for bit. <paramref name="compute"/> must write each
    /// point from values that it does not write elsewhere (generated kernels, and kernels that take
    /// their steps inside, do). On accelerator backends, and where a block has no interior left,
    /// it computes everything and then exchanges.
    /// </summary>
    public void HideCommunication<T>(IReadOnlyList<int> boundaryWidths, Action compute, params ReadOnlySpan<Field<T>> fields) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(compute);
        bool neighbours = false;
        for (int axis = 0; axis < Dimensions; axis++) neighbours |= _left[axis] >= 0 || _right[axis] >= 0;
        if (!neighbours)
        {
            compute();
            return;
        }
        var interior = Interior(boundaryWidths);
        if (interior.IsEmpty || fields.Length == 0 || fields[0].Backend is not CpuBackend)
        {
            compute();
            UpdateHalo(fields);
            return;
        }
        foreach (var slab in SlabsAround(interior))
            using (LaunchRegion.Restrict(slab))
                compute();
        var computing = Task.Run(() =>
        {
            using (LaunchRegion.Restrict(interior))
                compute();
        });
        try
        {
            UpdateHalo(fields);
        }
        finally
        {
            computing.Wait();
        }
    }

    /// <summary>The block's interior: <paramref name="widths"/> points in from each side along the split axes.</summary>
    private Box Interior(IReadOnlyList<int> widths)
    {
        var box = LaunchRegion.Unbounded;
        for (int axis = 0; axis < Dimensions; axis++)
        {
            if (_left[axis] < 0 && _right[axis] < 0) continue;   // an axis without neighbours sends nothing along it
            int width = axis < widths.Count ? widths[axis] : widths[^1];
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(widths), $"Boundary widths must be at least 1; got {width} along {Axis(axis)}.");
            // The sent planes lie within the overlap (plus one for faces): the slab must hold them.
            width = Math.Max(width, _overlaps[axis] + 2);
            box = box.AtLeast(axis, width).AtMost(axis, _n[axis] - 1 - width);
        }
        return box;
    }

    private Box _slabsInterior;
    private Box[] _slabs = [];

    /// <summary>The boundary slabs around <paramref name="interior"/>, kept for the next call with the same interior (every iteration).</summary>
    private Box[] SlabsAround(Box interior)
    {
        if (_slabs.Length == 0 || !interior.Equals(_slabsInterior))
        {
            _slabs = Slabs(interior).ToArray();
            _slabsInterior = interior;
        }
        return _slabs;
    }

    /// <summary>The boundary slabs around <paramref name="interior"/>: with it, a partition of all points.</summary>
    private IEnumerable<Box> Slabs(Box interior)
    {
        var rest = LaunchRegion.Unbounded;
        for (int axis = 0; axis < Dimensions; axis++)
        {
            int lo = axis == 0 ? interior.XLo : axis == 1 ? interior.YLo : interior.ZLo;
            int hi = axis == 0 ? interior.XHi : axis == 1 ? interior.YHi : interior.ZHi;
            if (lo == LaunchRegion.Unbounded.XLo && hi == LaunchRegion.Unbounded.XHi) continue;
            yield return rest.AtMost(axis, lo - 1);
            yield return rest.AtLeast(axis, hi + 1);
            rest = rest.AtLeast(axis, lo).AtMost(axis, hi);
        }
    }
}
