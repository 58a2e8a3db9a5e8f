namespace Stencil;

/// <summary>
/// Persistent worker threads for CPU kernels: a launch hands each thread one contiguous range of
/// rows (static partition; stencil rows cost the same) and the calling thread takes the first
/// range itself. Nothing is allocated per launch.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim[] _start;
    private readonly ManualResetEventSlim _finished = new(false);
    private readonly object _launch = new();
    private CpuKernel? _kernel;
    private int _count;
    private int _remaining;
    private Exception? _error;
    private volatile bool _stopping;

    public WorkerPool(int threads)
    {
        Threads = threads;
        _workers = new Thread[threads - 1];
        _start = new SemaphoreSlim[threads - 1];
        for (int w = 0; w < _workers.Length; w++)
        {
            int part = w + 1;
            _start[w] = new SemaphoreSlim(0);
            _workers[w] = new Thread(() => WorkerLoop(part)) { IsBackground = true, Name = $"Stencil CPU worker {part}" };
            _workers[w].Start();
        }
    }

    public int Threads { get; }

    public void Run(CpuKernel kernel, int count, bool parallel)
    {
        if (count <= 0) return;
        lock (_launch)
        {
            if (Threads == 1 || count == 1 || !parallel)
            {
                kernel.Execute(0, count);
                return;
            }
            _kernel = kernel;
            _count = count;
            _error = null;
            _remaining = _workers.Length;
            _finished.Reset();
            foreach (var start in _start) start.Release();

            try
            {
                Execute(0);
            }
            finally
            {
                _finished.Wait();
                _kernel = null;
            }
            if (_error is not null) throw new AggregateException("A CPU kernel failed on a worker thread.", _error);
        }
    }

    private void WorkerLoop(int part)
    {
        var start = _start[part - 1];
        while (true)
        {
            start.Wait();
            if (_stopping) return;
            try
            {
                Execute(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            if (Interlocked.Decrement(ref _remaining) == 0) _finished.Set();
        }
    }

    private void Execute(int part)
    {
        long begin = (long)_count * part / Threads;
        long end = (long)_count * (part + 1) / Threads;
        if (begin < end) _kernel!.Execute((int)begin, (int)end);
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var start in _start) start.Release();
        foreach (var worker in _workers) worker.Join();
        foreach (var start in _start) start.Dispose();
        _finished.Dispose();
    }
}
