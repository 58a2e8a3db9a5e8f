using System.Numerics;

namespace Stencil;

/// <summary>
/// CPU reductions: each chunk of <see cref="Chunk"/> points gets its partial result on a worker,
/// then the partials are combined in chunk order on the caller (deterministic for any thread count).
/// </summary>
internal static unsafe class CpuReductions<T> where T : unmanaged
{
    public const int Chunk = 16384;

    [ThreadStatic] private static Job? t_job;

    public static double Run(CpuBackend backend, ReductionKind kind, CpuField<T> x, CpuField<T> y)
    {
        var job = t_job ??= new Job();
        int chunks = (int)((x.Length + Chunk - 1) / Chunk);
        if (job.Partials.Length < chunks) job.Partials = new double[chunks];
        job.Kind = kind;
        job.X = x.Pointer;
        job.Y = y.Pointer;
        job.Length = x.Length;
        backend.Run(job, chunks);

        double result = 0;
        for (int c = 0; c < chunks; c++)
        {
            double p = job.Partials[c];
            result = kind == ReductionKind.MaxAbs ? (double.IsNaN(p) || p > result ? p : result) : result + p;
            if (double.IsNaN(result)) return result;
        }
        return result;
    }

    private sealed class Job : CpuKernel
    {
        public double[] Partials = [];
        public ReductionKind Kind;
        public T* X, Y;
        public long Length;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]   // optimised from the first launch, as the generated kernels
        public override void Execute(int begin, int end)
        {
            for (int c = begin; c < end; c++)
            {
                long lo = (long)c * Chunk, hi = Math.Min(lo + Chunk, Length);
                Partials[c] = typeof(T) == typeof(double)
                    ? Partial((double*)X, (double*)Y, lo, hi)
                    : Partial((float*)X, (float*)Y, lo, hi);
            }
        }

        /// <summary>One chunk, accumulated in double whatever the element type.</summary>
        private double Partial<TE>(TE* x, TE* y, long lo, long hi) where TE : unmanaged, INumber<TE>
        {
            double acc = 0;
            switch (Kind)
            {
                case ReductionKind.MaxAbs:
                    for (long i = lo; i < hi; i++)
                    {
                        double a = Math.Abs(double.CreateTruncating(x[i]));
                        if (a > acc || double.IsNaN(a)) acc = a;
                        if (double.IsNaN(acc)) return acc;
                    }
                    break;
                case ReductionKind.Sum:
                    for (long i = lo; i < hi; i++) acc += double.CreateTruncating(x[i]);
                    break;
                default:
                    for (long i = lo; i < hi; i++) acc += double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]);
                    break;
            }
            return acc;
        }
    }
}
