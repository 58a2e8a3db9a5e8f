using System.ComponentModel;
using System.Diagnostics;

namespace Stencil;

/// <summary>
/// The default backend: fields in 64-byte aligned native memory, kernels as generated native loops
/// run by a pool of persistent worker threads.
/// </summary>
public sealed class CpuBackend : Backend
{
    private readonly WorkerPool _pool;

    /// <summary>A CPU backend with <paramref name="threads"/> worker threads (default: one per core).</summary>
    public CpuBackend(int? threads = null)
    {
        int n = threads ?? Environment.ProcessorCount;
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"A CPU backend needs at least one thread; got {n}.");
        _pool = new WorkerPool(n);
    }

    /// <inheritdoc />
    public override string Name => "cpu";

    /// <summary>Number of threads that run kernels, the caller included.</summary>
    public int Threads => _pool.Threads;

    /// <summary>
    /// Cache-blocking budget of 3D kernels: bytes of one array's plane within a y block (default 1 MiB,
    /// about a core's L2). Planes smaller than this are not blocked.
    /// </summary>
    public long BlockBytes
    {
        get => _blockBytes;
        set => _blockBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"BlockBytes must be positive; got {value}.");
    }

    private long _blockBytes = 1 << 20;

    /// <summary>
    /// The widest SIMD vectors the kernels' x loops may use, in bits: 512 (the default), 256, or 0
    /// for scalar loops. A kernel uses 512-bit vectors only where it is compute-bound and the
    /// hardware has them (AVX-512), 256-bit vectors otherwise. All widths compute the same
    /// operations in the same order, so results are identical; lower values are for comparing
    /// them, or for timing the narrower loops.
    /// </summary>
    public int VectorBits
    {
        get => _vectorBits;
        set => _vectorBits = value is 0 or 256 or 512 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"VectorBits must be 0 (scalar), 256 or 512; got {value}.");
    }

    private int _vectorBits = 512;

    /// <summary>
    /// Wall time spent inside kernel launches (generated kernels, field operations, reductions) since
    /// the backend was created: compared with a solve's wall time, it shows the overhead between launches.
    /// </summary>
    public TimeSpan KernelTime => TimeSpan.FromSeconds((double)Interlocked.Read(ref _kernelTicks) / Stopwatch.Frequency);

    /// <summary>Number of kernel launches since the backend was created.</summary>
    public long Launches => Interlocked.Read(ref _launches);

    private long _kernelTicks;
    private long _launches;

    /// <summary>
    /// Launches over fewer points than this run on the calling thread alone (default 8192), and so
    /// do field operations on smaller fields: waking the worker threads costs more than they save
    /// on fields that fit one core's cache. 0 always uses all threads.
    /// </summary>
    public long SerialPoints
    {
        get => _serialPoints;
        set => _serialPoints = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"SerialPoints must be 0 or more; got {value}.");
    }

    private long _serialPoints = 8192;

    /// <summary>
    /// Runs a generated kernel over the rows of <paramref name="all"/> (its first
    /// <paramref name="rank"/> axes) and waits: on the worker threads, or on the calling thread when
    /// the launch is small (<see cref="SerialPoints"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Run(CpuKernel kernel, Box all, int rank)
        => Run(kernel, Launch.Rows(all, rank), parallel: Launch.Points(all, rank) >= _serialPoints);

    /// <summary>Runs chunks [0, <paramref name="chunks"/>) of a runtime job (field operation, reduction) on the worker threads.</summary>
    internal void Run(CpuKernel job, int chunks) => Run(job, chunks, parallel: true);

    private void Run(CpuKernel kernel, int rows, bool parallel)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        long start = Stopwatch.GetTimestamp();
        _pool.Run(kernel, rows, parallel);
        Interlocked.Add(ref _kernelTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _launches);
    }

    /// <inheritdoc />
    public override void Synchronize()
    {
        // CPU launches complete before they return.
    }

    /// <inheritdoc />
    protected override Field<T> AllocateCore<T>(int rank, int nx, int ny, int nz) => new CpuField<T>(this, rank, nx, ny, nz);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _pool.Dispose();
    }
}
