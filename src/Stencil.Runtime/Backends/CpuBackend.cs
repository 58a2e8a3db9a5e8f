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

    /// <summary>Runs rows [0, <paramref name="rows"/>) of a generated kernel on the worker threads and waits.</summary>
    public void Run(CpuKernel kernel, int rows)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _pool.Run(kernel, rows);
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
