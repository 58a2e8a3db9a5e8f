using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>The native CPU backend: no allocation per launch, same bits on any number of threads.</summary>
public sealed class CpuBackendTests
{
    [Fact]
    public void Forward_and_adjoint_launches_allocate_nothing()
    {
        using var backend = Backends.Cpu(2);
        int n = 24;
        using var T = backend.Allocate<double>(n, n, n);
        using var T2 = backend.Allocate<double>(n, n, n);
        using var Ci = backend.Allocate<double>(n, n, n);
        using var T2bar = backend.Allocate<double>(n, n, n);
        using var Tbar = backend.Allocate<double>(n, n, n);
        void Launch()
        {
            Samples.Diffusion3D(backend, T2, T, Ci, 1, 0.1, 1, 1, 1);
            Samples.Diffusion3DVjp(backend, T2.With(T2bar), T.With(Tbar), Ci, 1, 0.1, 1, 1, 1);
        }
        Launch();

        // A synchronisation primitive may lazily create its lock object (24 B) the first time it
        // blocks, and once, with the whole test suite running beside it, a round allocated more;
        // anything allocated per launch shows up a thousand times over in every round.
        LeastAllocated(Launch, Calls).ShouldBeLessThan(Calls);
    }

    private const int Calls = 1000;

    /// <summary>The fewest bytes the calling thread allocated in three rounds of <paramref name="calls"/> calls.</summary>
    private static long LeastAllocated(Action action, int calls) => Enumerable.Range(0, 3).Min(_ =>
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    });

    [Fact]
    public void Field_operations_allocate_nothing()
    {
        // The PT steps run a few of these per iteration: 48 B each (the operation's name, made for
        // an error message that was not thrown) meant a gen-0 collection every few thousand iterations.
        using var backend = Backends.Cpu(2);
        using var y = backend.Allocate<double>(128, 70);
        using var d = backend.Allocate<double>(128, 70);
        using var x = backend.Allocate<double>(128, 70);
        void Steps()
        {
            FieldOps.Axpy(y, -0.5, x);
            FieldOps.SubtractProduct(y, d, x);
            FieldOps.SubtractProductWhereNonZero(y, d, x);
            FieldOps.SubtractProductWhereNonZeroAndClear(y, d, x);
            FieldOps.Scale(y, 0.5);
            FieldOps.Mask(y, d);
            FieldOps.Indicator(d, x);
            FieldOps.Copy(y, x);
        }
        Steps();

        // As above: 8 operations a call, so anything allocated per operation shows 8000 times over.
        LeastAllocated(Steps, Calls).ShouldBeLessThan(Calls);
    }

    [Fact]
    public void Results_are_bitwise_identical_on_one_and_three_threads()
    {
        int nx = 37, ny = 23, nz = 11;
        var t = Grid.Random(nx * ny * nz, 21);
        var ci = Grid.Random(nx * ny * nz, 22);

        double[] Run(int threads)
        {
            using var backend = Backends.Cpu(threads);
            backend.SerialPoints = 0;   // this grid is small: split it across the threads anyway
            using var T = Grid.Upload(backend, t, nx, ny, nz);
            using var Ci = Grid.Upload(backend, ci, nx, ny, nz);
            using var T2 = Grid.Upload(backend, t, nx, ny, nz);
            Samples.Diffusion3D(backend, T2, T, Ci, 1.1, 0.01, 0.1, 0.1, 0.1);
            return T2.ToArray();
        }

        Run(3).ShouldBe(Run(1));
    }

    [Fact]
    public void Exception_in_a_kernel_on_a_worker_surfaces_to_the_caller()
    {
        using var backend = Backends.Cpu(2);
        var failing = new FailingKernel();
        Should.Throw<AggregateException>(() => backend.Run(failing, 8)).InnerException.ShouldBeOfType<InvalidOperationException>();
        // The pool keeps working afterwards.
        var counting = new CountingKernel();
        backend.Run(counting, 10);
        counting.Rows.ShouldBe(10);
    }

    [Fact]
    public void Small_launches_run_on_the_calling_thread_and_large_ones_on_all_threads()
    {
        using var backend = Backends.Cpu(2);
        // 16 rows; fewer points than SerialPoints, then exactly that many.
        int width = (int)(backend.SerialPoints / 16);
        var small = new ThreadKernel();
        backend.Run(small, new Box { XLo = 0, XHi = width - 2, YLo = 0, YHi = 15 }, 2);
        small.Threads.ShouldBe([Environment.CurrentManagedThreadId]);

        var large = new ThreadKernel();
        backend.Run(large, new Box { XLo = 0, XHi = width - 1, YLo = 0, YHi = 15 }, 2);
        large.Threads.Count.ShouldBe(2);
        large.Threads.ShouldContain(Environment.CurrentManagedThreadId);

        Should.Throw<ArgumentOutOfRangeException>(() => backend.SerialPoints = -1);
    }

    private sealed class ThreadKernel : CpuKernel
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> _threads = new();

        public IReadOnlyCollection<int> Threads => _threads.Keys.ToList();

        public override void Execute(int begin, int end) => _threads[Environment.CurrentManagedThreadId] = true;
    }

    private sealed class FailingKernel : CpuKernel
    {
        public override void Execute(int begin, int end)
        {
            if (begin > 0) throw new InvalidOperationException("row failure");
        }
    }

    private sealed class CountingKernel : CpuKernel
    {
        private int _rows;

        public int Rows => _rows;

        public override void Execute(int begin, int end) => Interlocked.Add(ref _rows, end - begin);
    }
}
