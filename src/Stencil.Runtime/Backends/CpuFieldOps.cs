using System.Numerics;

namespace Stencil;

/// <summary>Pointwise field operations on the CPU worker pool, in chunks.</summary>
internal static unsafe class CpuFieldOps<T> where T : unmanaged, INumber<T>
{
    private const int Chunk = 16384;

    [ThreadStatic] private static Job? t_job;

    public static void Run(CpuBackend backend, Elementwise op, CpuField<T> y, CpuField<T> a, CpuField<T> b, T scalar)
    {
        var job = t_job ??= new Job();
        job.Op = op;
        job.Y = y.Pointer;
        job.A = a.Pointer;
        job.B = b.Pointer;
        job.Scalar = scalar;
        job.Length = y.Length;
        backend.Run(job, (int)((y.Length + Chunk - 1) / Chunk));
    }

    private sealed class Job : CpuKernel
    {
        public Elementwise Op;
        public T* Y, A, B;
        public T Scalar;
        public long Length;

        public override void Execute(int begin, int end)
        {
            long lo = (long)begin * Chunk, hi = Math.Min((long)end * Chunk, Length);
            T* y = Y, a = A, b = B;
            T s = Scalar;
            switch (Op)
            {
                case Elementwise.Axpy:
                    for (long i = lo; i < hi; i++) y[i] += s * a[i];
                    break;
                case Elementwise.SubtractProduct:
                    for (long i = lo; i < hi; i++) y[i] -= a[i] * b[i];
                    break;
                case Elementwise.Copy:
                    new ReadOnlySpan<T>(a + lo, (int)(hi - lo)).CopyTo(new Span<T>(y + lo, (int)(hi - lo)));
                    break;
                case Elementwise.Scale:
                    for (long i = lo; i < hi; i++) y[i] *= s;
                    break;
                case Elementwise.Mask:
                    for (long i = lo; i < hi; i++) y[i] = a[i] != T.Zero ? y[i] : T.Zero;
                    break;
                default:
                    for (long i = lo; i < hi; i++) y[i] = a[i] == a[i] ? T.One : T.Zero;
                    break;
            }
        }
    }
}
