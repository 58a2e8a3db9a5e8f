using ILGPU;
using ILGPU.Runtime;

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

/// <summary>The accelerator side of <see cref="FieldRegion"/>: pack and unpack kernels, one thread per point, and a per-row maximum.</summary>
internal static class IlgpuRegion
{
    public readonly record struct Args<T>(ArrayView<T> Field, ArrayView<T> Packed, int Nx, int Ny, Box Region, int Unpack) where T : unmanaged;

    public readonly record struct MaxArgs<T>(ArrayView<T> Field, ArrayView<double> Partials, int Nx, int Ny, Box Region) where T : unmanaged;

    public static void Transfer<T>(IlgpuField<T> field, Box region, Span<T> host, bool toHost) where T : unmanaged
    {
        var backend = (IlgpuBackend)field.Backend;
        int points = FieldRegion.Points(region);
        var packed = backend.Staging<T>(points).View.SubView(0, points);
        var args = new Args<T>(field.View, packed, field.Nx, field.Ny, region, toHost ? 0 : 1);
        if (toHost)
        {
            backend.RunAutoGrouped<Index1D, Args<T>>(Pack, points, args);
            backend.Synchronize();
            packed.AsContiguous().CopyToCPU(host);
        }
        else
        {
            packed.AsContiguous().CopyFromCPU(host);
            backend.RunAutoGrouped<Index1D, Args<T>>(Pack, points, args);
            backend.Synchronize();
        }
    }

    public static double MaxAbs<T>(IlgpuField<T> field, Box region) where T : unmanaged
    {
        var backend = (IlgpuBackend)field.Backend;
        int rows = region.Height * region.Depth;
        var partials = backend.Scratch(rows);
        if (typeof(T) == typeof(double))
            backend.RunAutoGrouped<Index1D, MaxArgs<double>>(RowMaxDouble, rows, new MaxArgs<double>(field.View.Cast<double>(), partials.View, field.Nx, field.Ny, region));
        else
            backend.RunAutoGrouped<Index1D, MaxArgs<float>>(RowMaxFloat, rows, new MaxArgs<float>(field.View.Cast<float>(), partials.View, field.Nx, field.Ny, region));
        backend.Synchronize();
        var host = backend.ScratchHost(rows);
        partials.View.SubView(0, rows).AsContiguous().CopyToCPU(host.AsSpan(0, rows));
        double result = 0;
        for (int r = 0; r < rows; r++)
        {
            if (double.IsNaN(host[r])) return host[r];
            if (host[r] > result) result = host[r];
        }
        return result;
    }

    private static void Pack<T>(Index1D p, Args<T> a) where T : unmanaged
    {
        int w = a.Region.XHi - a.Region.XLo + 1, h = a.Region.YHi - a.Region.YLo + 1;
        int i = a.Region.XLo + p % w, j = a.Region.YLo + (p / w) % h, k = a.Region.ZLo + p / (w * h);
        long at = i + (long)a.Nx * (j + (long)a.Ny * k);
        if (a.Unpack == 0) a.Packed[p] = a.Field[at];
        else a.Field[at] = a.Packed[p];
    }

    // ILGPU cannot compile generic-math conversions, hence one kernel per element type.
    private static void RowMaxDouble(Index1D r, MaxArgs<double> a)
    {
        int h = a.Region.YHi - a.Region.YLo + 1;
        int j = a.Region.YLo + r % h, k = a.Region.ZLo + r / h;
        long row = a.Region.XLo + (long)a.Nx * (j + (long)a.Ny * k);
        double acc = 0;
        for (int i = 0; i <= a.Region.XHi - a.Region.XLo; i++)
        {
            double v = Math.Abs(a.Field[row + i]);
            if (!(v <= acc)) acc = v;
        }
        a.Partials[r] = acc;
    }

    private static void RowMaxFloat(Index1D r, MaxArgs<float> a)
    {
        int h = a.Region.YHi - a.Region.YLo + 1;
        int j = a.Region.YLo + r % h, k = a.Region.ZLo + r / h;
        long row = a.Region.XLo + (long)a.Nx * (j + (long)a.Ny * k);
        double acc = 0;
        for (int i = 0; i <= a.Region.XHi - a.Region.XLo; i++)
        {
            double v = Math.Abs(a.Field[row + i]);
            if (!(v <= acc)) acc = v;
        }
        a.Partials[r] = acc;
    }
}
