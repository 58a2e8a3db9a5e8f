using System.ComponentModel;
using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace Stencil;

/// <summary>
/// A backend on an ILGPU accelerator: CUDA, OpenCL, or ILGPU's CPU simulator (a slow debugging
/// tool for tests on tiny grids). Each kernel is compiled once per backend and cached.
/// </summary>
public sealed class IlgpuBackend : Backend
{
    private readonly Context _context;
    private readonly ConcurrentDictionary<MethodInfo, object> _kernels = new();
    private string? _broken;
    private MemoryBuffer1D<double, Stride1D.Dense>? _scratch;
    private double[] _scratchHost = [];
    private readonly Dictionary<Type, MemoryBuffer> _staging = [];

    internal IlgpuBackend(Context context, Accelerator accelerator, string name)
    {
        _context = context;
        Accelerator = accelerator;
        Name = name;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The ILGPU accelerator.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The device's name, as ILGPU reports it.</summary>
    public string DeviceName => Accelerator.Name;

    /// <summary>
    /// Whether generated kernels index fields with 64-bit integers even where 32-bit ones reach
    /// every element (fields of at most 2^30 elements, <c>Launch.Index32</c>). Off by default:
    /// 32-bit index arithmetic takes fewer instructions per point on GPUs. For tests of the 64-bit
    /// kernels; results do not depend on it.
    /// </summary>
    public bool WideIndices { get; set; }

    /// <summary>
    /// Launches a generated kernel on the default stream, one thread per point of the first
    /// <paramref name="rank"/> axes of <paramref name="all"/>, in thread groups shaped for the
    /// kernel (<see cref="LaunchShape"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Run<TArgs>(Action<TArgs> kernel, Box all, int rank, TArgs args)
        where TArgs : struct
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var extent = new Index3D(all.Width, rank > 1 ? all.Height : 1, rank > 2 ? all.Depth : 1);
        if (extent.X <= 0 || extent.Y <= 0 || extent.Z <= 0) return;
        var loaded = (LoadedKernel<TArgs>)Cached(kernel, static (accelerator, kernel) =>
        {
            var launch = accelerator.LoadKernel(kernel);
            int threads = Math.Min(accelerator.EstimateGroupSize(launch.GetKernel()), accelerator.MaxNumThreadsPerGroup);
            return new LoadedKernel<TArgs>(launch, threads);
        });
        var (grid, group) = LaunchShape.Of(extent, loaded.Threads, Accelerator.MaxGroupSize);
        loaded.Launch(Accelerator.DefaultStream, new KernelConfig(grid, group), args);
    }

    /// <summary>Launches a runtime kernel (field operations, reductions) over <paramref name="extent"/> points, grouped by ILGPU.</summary>
    internal void RunAutoGrouped<TIndex, TArgs>(Action<TIndex, TArgs> kernel, TIndex extent, TArgs args)
        where TIndex : struct, IIndex
        where TArgs : struct
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var launch = (Action<AcceleratorStream, TIndex, TArgs>)Cached(kernel, static (accelerator, kernel) => accelerator.LoadAutoGroupedKernel(kernel));
        launch(Accelerator.DefaultStream, extent, args);
    }

    /// <summary>A compiled kernel and the threads per group its occupancy allows.</summary>
    private sealed record LoadedKernel<TArgs>(Action<AcceleratorStream, KernelConfig, TArgs> Launch, int Threads)
        where TArgs : struct;

    /// <inheritdoc />
    public override void Synchronize() => Accelerator.Synchronize();

    /// <summary>A reusable device buffer of at least <paramref name="length"/> doubles (for reductions).</summary>
    internal MemoryBuffer1D<double, Stride1D.Dense> Scratch(int length)
    {
        if (_scratch is null || _scratch.Length < length)
        {
            _scratch?.Dispose();
            _scratch = Accelerator.Allocate1D<double>(Math.Max(length, 1024));
        }
        return _scratch;
    }

    /// <summary>A reusable device buffer of at least <paramref name="length"/> elements of <typeparamref name="T"/> (halo planes, region copies).</summary>
    internal MemoryBuffer1D<T, Stride1D.Dense> Staging<T>(int length) where T : unmanaged
    {
        if (_staging.TryGetValue(typeof(T), out var held) && held.Length >= length) return (MemoryBuffer1D<T, Stride1D.Dense>)held;
        held?.Dispose();
        var buffer = Accelerator.Allocate1D<T>(Math.Max(length, 1024));
        _staging[typeof(T)] = buffer;
        return buffer;
    }

    /// <summary>A reusable host array of at least <paramref name="length"/> doubles.</summary>
    internal double[] ScratchHost(int length)
    {
        if (_scratchHost.Length < length) _scratchHost = new double[Math.Max(length, 1024)];
        return _scratchHost;
    }

    /// <inheritdoc />
    protected override Field<T> AllocateCore<T>(int rank, int nx, int ny, int nz) => new IlgpuField<T>(this, rank, nx, ny, nz);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _scratch?.Dispose();
        foreach (var buffer in _staging.Values) buffer.Dispose();
        Accelerator.Dispose();
        _context.Dispose();
    }

    /// <summary>
    /// The compiled form of <paramref name="kernel"/>: from the cache, else loaded once by
    /// <paramref name="load"/> (a static lambda, so a launch of a cached kernel allocates nothing).
    /// </summary>
    private object Cached<TKernel>(TKernel kernel, Func<Accelerator, TKernel, object> load)
        where TKernel : Delegate
        => _kernels.TryGetValue(kernel.Method, out var compiled) ? compiled : Load(kernel, load);

    private object Load<TKernel>(TKernel kernel, Func<Accelerator, TKernel, object> load)
        where TKernel : Delegate
        => _kernels.GetOrAdd(kernel.Method, method => Compile(() => load(Accelerator, kernel), method));

    private T Compile<T>(Func<T> load, MethodInfo method)
    {
        if (_broken is not null)
            throw new InvalidOperationException($"Backend '{Name}' cannot compile kernels any more because an earlier compilation failed ({_broken}); create a new backend.");
        try
        {
            return load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ILGPU's context is not usable after a compiler exception.
            _broken = $"{method.DeclaringType?.Name}.{method.Name}: {e.Message}";
            throw new InvalidOperationException($"ILGPU could not compile kernel {method.DeclaringType?.Name}.{method.Name} for '{Name}': {e.Message}", e);
        }
    }
}
