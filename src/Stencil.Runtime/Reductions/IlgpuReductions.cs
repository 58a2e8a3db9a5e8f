using ILGPU;
using ILGPU.Runtime;

namespace Stencil;

/// <summary>
/// Accelerator reductions: one thread per chunk of <see cref="Chunk"/> points writes a partial
/// result; the partials are copied to the host and combined in chunk order (deterministic).
/// </summary>
internal static class IlgpuReductions
{
    public const int Chunk = 256;

    public static double Run<T>(IlgpuBackend backend, ReductionKind kind, IlgpuField<T> x, IlgpuField<T> y) where T : unmanaged
    {
        int chunks = (int)((x.Length + Chunk - 1) / Chunk);
        var partials = backend.Scratch(chunks);
        if (typeof(T) == typeof(double))
            backend.RunAutoGrouped<Index1D, Args<double>>(PartialDouble, chunks, new Args<double>(x.View.Cast<double>(), y.View.Cast<double>(), partials.View, (int)kind));
        else
            backend.RunAutoGrouped<Index1D, Args<float>>(PartialFloat, chunks, new Args<float>(x.View.Cast<float>(), y.View.Cast<float>(), partials.View, (int)kind));
        backend.Synchronize();
        var host = backend.ScratchHost(chunks);
        partials.View.SubView(0, chunks).AsContiguous().CopyToCPU(host.AsSpan(0, chunks));

        double result = 0;
        for (int c = 0; c < chunks; c++)
        {
            double p = host[c];
            result = kind == ReductionKind.MaxAbs ? (double.IsNaN(p) || p > result ? p : result) : result + p;
        }
        return result;
    }

    public readonly record struct Args<T>(ArrayView<T> X, ArrayView<T> Y, ArrayView<double> Partials, int Kind) where T : unmanaged;

    private static void PartialDouble(Index1D chunk, Args<double> a)
    {
        long lo = (long)(int)chunk * Chunk;
        long hi = Math.Min(lo + Chunk, a.X.Length);
        double acc = 0;
        for (long i = lo; i < hi; i++)
        {
            double v = a.X[i];
            if (a.Kind == 0) acc = Math.Max(acc, Math.Abs(v));
            else if (a.Kind == 1) acc += v;
            else acc += v * a.Y[i];
        }
        a.Partials[chunk] = acc;
    }

    // ILGPU cannot compile generic-math conversions (double.CreateTruncating), hence one kernel per element type.
    private static void PartialFloat(Index1D chunk, Args<float> a)
    {
        long lo = (long)(int)chunk * Chunk;
        long hi = Math.Min(lo + Chunk, a.X.Length);
        double acc = 0;
        for (long i = lo; i < hi; i++)
        {
            double v = a.X[i];
            if (a.Kind == 0) acc = Math.Max(acc, Math.Abs(v));
            else if (a.Kind == 1) acc += v;
            else acc += v * a.Y[i];
        }
        a.Partials[chunk] = acc;
    }
}
