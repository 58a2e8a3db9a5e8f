namespace Stencil;

/// <summary>
/// Operations on a box of a field's points (x fastest in the packed host data): the halo planes a
/// distributed run sends and receives, and the points a process owns in a global reduction.
/// </summary>
internal static class FieldRegion
{
    /// <summary>Copies the points of <paramref name="region"/> into <paramref name="destination"/>, x fastest.</summary>
    public static void CopyToHost<T>(Field<T> field, Box region, Span<T> destination) where T : unmanaged
        => Transfer(field, region, destination, toHost: true);

    /// <summary>Copies <paramref name="source"/> (x fastest) into the points of <paramref name="region"/>.</summary>
    public static void CopyFromHost<T>(Field<T> field, Box region, ReadOnlySpan<T> source) where T : unmanaged
    {
        // Transfer reads from the span when copying to the field; the cast keeps one code path.
        unsafe
        {
            fixed (T* p = source)
                Transfer(field, region, new Span<T>(p, source.Length), toHost: false);
        }
    }

    /// <summary>max |x| over the points of <paramref name="region"/>; NaN if any is NaN; 0 for an empty region.</summary>
    public static double MaxAbs<T>(Field<T> field, Box region) where T : unmanaged
    {
        Check(field, region);
        if (region.IsEmpty) return 0;
        return field switch
        {
            CpuField<T> cpu => CpuRegionMax<T>.Run((CpuBackend)cpu.Backend, cpu, region),
            IlgpuField<T> gpu => IlgpuRegion.MaxAbs(gpu, region),
            _ => throw new NotSupportedException($"Backend '{field.Backend.Name}' has no region reductions."),
        };
    }

    /// <summary>Number of points in a box.</summary>
    public static int Points(Box region) => region.IsEmpty ? 0 : checked(region.Width * region.Height * region.Depth);

    private static unsafe void Transfer<T>(Field<T> field, Box region, Span<T> host, bool toHost) where T : unmanaged
    {
        Check(field, region);
        int points = Points(region);
        if (host.Length != points)
            throw new ArgumentException($"The region {region} has {points} points but the host buffer {host.Length}.");
        if (points == 0) return;
        switch (field)
        {
            case CpuField<T> cpu:
                fixed (T* h = host)
                {
                    long row = 0;
                    for (int k = region.ZLo; k <= region.ZHi; k++)
                        for (int j = region.YLo; j <= region.YHi; j++, row++)
                        {
                            T* f = cpu.Pointer + region.XLo + (long)field.Nx * (j + (long)field.Ny * k);
                            T* b = h + row * region.Width;
                            long bytes = (long)region.Width * sizeof(T);
                            if (toHost) Buffer.MemoryCopy(f, b, bytes, bytes);
                            else Buffer.MemoryCopy(b, f, bytes, bytes);
                        }
                }
                break;
            case IlgpuField<T> gpu:
                IlgpuRegion.Transfer(gpu, region, host, toHost);
                break;
            default:
                throw new NotSupportedException($"Backend '{field.Backend.Name}' has no region copies.");
        }
    }

    private static void Check<T>(Field<T> field, Box region) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(field.IsDisposed, field);
        if (!region.IsEmpty && (region.XLo < 0 || region.YLo < 0 || region.ZLo < 0 || region.XHi >= field.Nx || region.YHi >= field.Ny || region.ZHi >= field.Nz))
            throw new ArgumentOutOfRangeException(nameof(region), $"The region {region} is not inside the field {field.ShapeText}.");
    }

    /// <summary>Per row of the region a partial maximum on a worker, combined in row order.</summary>
    private sealed unsafe class CpuRegionMax<T> : CpuKernel where T : unmanaged
    {
        [ThreadStatic] private static CpuRegionMax<T>? t_job;
        private double[] _partials = [];
        private CpuField<T> _field = null!;
        private Box _region;

        public static double Run(CpuBackend backend, CpuField<T> field, Box region)
        {
            var job = t_job ??= new CpuRegionMax<T>();
            int rows = region.Height * region.Depth;
            if (job._partials.Length < rows) job._partials = new double[rows];
            job._field = field;
            job._region = region;
            backend.Run(job, rows);
            job._field = null!;
            double result = 0;
            for (int r = 0; r < rows; r++)
            {
                double p = job._partials[r];
                if (double.IsNaN(p)) return p;
                if (p > result) result = p;
            }
            return result;
        }

        public override void Execute(int begin, int end)
        {
            for (int r = begin; r < end; r++)
            {
                int j = _region.YLo + r % _region.Height, k = _region.ZLo + r / _region.Height;
                T* row = _field.Pointer + _region.XLo + (long)_field.Nx * (j + (long)_field.Ny * k);
                double acc = 0;
                for (int i = 0; i < _region.Width; i++)
                {
                    double a = typeof(T) == typeof(double) ? Math.Abs(((double*)row)[i]) : Math.Abs(((float*)row)[i]);
                    if (!(a <= acc)) acc = a;   // NaN sticks
                    if (double.IsNaN(acc)) break;
                }
                _partials[r] = acc;
            }
        }
    }
}
