using System.Numerics;
using System.Runtime.Intrinsics;

namespace Stencil;

/// <summary>
/// Pointwise field operations on the CPU worker pool: one contiguous part per thread, as the
/// kernels split a grid's rows, so each thread updates the part of a field it computed in the
/// kernel before (still in its core's cache); below <see cref="CpuBackend.SerialPoints"/> on the
/// calling thread alone, as the kernels. Splitting differently from the kernels would move the
/// field's halves between the cores' caches at every launch.
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

    /// <summary>
    /// y ← y + s·a on [lo, hi): 256-bit vectors, then a scalar loop for the rest. Each lane does the
    /// scalar loop's operations in the same order (no fused multiply-add), so the results are the same
    /// bits. A part of <see cref="FieldOps.Axpy{T}"/>, or a row of a step taken inside a kernel (<see cref="FusedStep{T}"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Axpy(T* y, T s, T* a, long lo, long hi)
    {
        long i = lo;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var sv = Vector256.Create(s);
            for (long last = hi - Vector256<T>.Count; i <= last; i += Vector256<T>.Count)
                Vector256.Store(Vector256.Load(y + i) + sv * Vector256.Load(a + i), y + i);
        }
        for (; i < hi; i++) y[i] += s * a[i];
    }

    /// <summary>y ← y − a∘b on [lo, hi), as <see cref="Axpy"/>: a part of <see cref="FieldOps.SubtractProduct{T}"/> or a row of a fused step.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void SubtractProduct(T* y, T* a, T* b, long lo, long hi)
    {
        long i = lo;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (long last = hi - Vector256<T>.Count; i <= last; i += Vector256<T>.Count)
                Vector256.Store(Vector256.Load(y + i) - Vector256.Load(a + i) * Vector256.Load(b + i), y + i);
        for (; i < hi; i++) y[i] -= a[i] * b[i];
    }

    /// <summary>
    /// The adjoint step of a row, as the field operations do it in two passes (<see cref="FusedStep{T}.Adjoint"/>):
    /// v = x + s·g (<c>Axpy</c>; v = x without g), y ← y − a·v where a ≠ 0, x ← 0, on [lo, hi).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void MaskedStepAndClear(T* y, T* a, T* x, T* g, T s, long lo, long hi)
    {
        long i = lo;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var sv = Vector256.Create(s);
            var zero = Vector256<T>.Zero;
            for (long last = hi - Vector256<T>.Count; i <= last; i += Vector256<T>.Count)
            {
                var v = Vector256.Load(x + i);
                if (g is not null) v += sv * Vector256.Load(g + i);
                var av = Vector256.Load(a + i);
                var yv = Vector256.Load(y + i);
                Vector256.Store(Vector256.ConditionalSelect(Vector256.Equals(av, zero), yv, yv - av * v), y + i);
                Vector256.Store(zero, x + i);
            }
        }
        for (; i < hi; i++)
        {
            T v = x[i];
            if (g is not null) v += s * g[i];
            if (a[i] != T.Zero) y[i] -= a[i] * v;
            x[i] = T.Zero;
        }
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
            if (Op == Elementwise.Axpy)
            {
                Axpy(y, s, a, lo, hi);
                return;
            }
            if (Op == Elementwise.SubtractProduct)
            {
                SubtractProduct(y, a, b, lo, hi);
                return;
            }
            // 256-bit vectors first, then the scalar loop for the rest: each lane does the scalar loop's
            // operations in the same order (no fused multiply-add), so the results are the same bits.
            // The scalar loops alone made the three state updates of a geothermal PT iteration take
            // half of it (Axpy 17 us at 256x127 scalar, 5.6 us in vectors).
            long i = lo;
            if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
                i = Vectors(lo, hi, y, a, b, s);
            switch (Op)
            {
                case Elementwise.SubtractProductWhereNonZero:
                    for (; i < hi; i++)
                        if (a[i] != T.Zero) y[i] -= a[i] * b[i];
                    break;
                case Elementwise.SubtractProductWhereNonZeroAndClear:
                    for (; i < hi; i++)
                    {
                        if (a[i] != T.Zero) y[i] -= a[i] * b[i];
                        b[i] = T.Zero;
                    }
                    break;
                case Elementwise.Copy:
                    long bytes = (hi - i) * sizeof(T);
                    Buffer.MemoryCopy(a + i, y + i, bytes, bytes);
                    break;
                case Elementwise.Scale:
                    for (; i < hi; i++) y[i] *= s;
                    break;
                case Elementwise.Mask:
                    for (; i < hi; i++) y[i] = a[i] != T.Zero ? y[i] : T.Zero;
                    break;
                default:
                    for (; i < hi; i++) y[i] = a[i] == a[i] ? T.One : T.Zero;
                    break;
            }
        }

        /// <summary>The whole vectors of [lo, hi); returns the first point they leave. A copy leaves everything to <c>MemoryCopy</c>.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private long Vectors(long lo, long hi, T* y, T* a, T* b, T s)
        {
            long i = lo, last = hi - Vector256<T>.Count;
            var sv = Vector256.Create(s);
            var zero = Vector256<T>.Zero;
            switch (Op)
            {
                case Elementwise.SubtractProductWhereNonZero:
                case Elementwise.SubtractProductWhereNonZeroAndClear:
                    bool clear = Op == Elementwise.SubtractProductWhereNonZeroAndClear;
                    for (; i <= last; i += Vector256<T>.Count)
                    {
                        var av = Vector256.Load(a + i);
                        var yv = Vector256.Load(y + i);
                        Vector256.Store(Vector256.ConditionalSelect(Vector256.Equals(av, zero), yv, yv - av * Vector256.Load(b + i)), y + i);
                        if (clear) Vector256.Store(zero, b + i);
                    }
                    break;
                case Elementwise.Scale:
                    for (; i <= last; i += Vector256<T>.Count)
                        Vector256.Store(Vector256.Load(y + i) * sv, y + i);
                    break;
                case Elementwise.Mask:
                    for (; i <= last; i += Vector256<T>.Count)
                        Vector256.Store(Vector256.ConditionalSelect(Vector256.Equals(Vector256.Load(a + i), zero), zero, Vector256.Load(y + i)), y + i);
                    break;
                case Elementwise.Indicator:
                    var one = Vector256.Create(T.One);
                    for (; i <= last; i += Vector256<T>.Count)
                    {
                        var av = Vector256.Load(a + i);
                        Vector256.Store(Vector256.ConditionalSelect(Vector256.Equals(av, av), one, zero), y + i);
                    }
                    break;
            }
            return i;
        }
    }
}
