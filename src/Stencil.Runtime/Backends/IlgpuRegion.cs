using ILGPU;
using ILGPU.Runtime;

namespace Stencil;

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
