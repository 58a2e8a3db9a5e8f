using System.Numerics;

namespace Stencil;

/// <summary>
/// Pointwise field operations on the CPU worker pool: one contiguous part per thread, as the
/// kernels split a grid's rows, so each thread updates the part of a field it computed in the
/// kernel before (still in its core's cache); below <see cref="CpuBackend.SerialPoints"/> on the
/// calling thread alone, as the kernels. With fixed chunks of 16384 points, a 182x90 field was
/// updated by the caller alone while the kernels split it: its halves moved between the cores at
/// every launch (a flux kernel plus an update took 36 us; 16 us when both ran on one thread).
/// </summary>
internal static unsafe class CpuFieldOps<T> where T : unmanaged, INumber<T>
{
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
        int parts = y.Length < backend.SerialPoints ? 1 : backend.Threads;
        job.Part = (y.Length + parts - 1) / parts;
        backend.Run(job, parts);
    }

    private sealed class Job : CpuKernel
    {
        public Elementwise Op;
        public T* Y, A, B;
        public T Scalar;
        public long Length;
        public long Part;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]   // optimised from the first launch, as the generated kernels
        public override void Execute(int begin, int end)
        {
            long lo = begin * Part, hi = Math.Min(end * Part, Length);
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
                case Elementwise.SubtractProductWhereNonZero:
                    for (long i = lo; i < hi; i++)
                        if (a[i] != T.Zero) y[i] -= a[i] * b[i];
                    break;
                case Elementwise.SubtractProductWhereNonZeroAndClear:
                    for (long i = lo; i < hi; i++)
                    {
                        if (a[i] != T.Zero) y[i] -= a[i] * b[i];
                        b[i] = T.Zero;
                    }
                    break;
                case Elementwise.Copy:
                    long bytes = (hi - lo) * sizeof(T);
                    Buffer.MemoryCopy(a + lo, y + lo, bytes, bytes);
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
