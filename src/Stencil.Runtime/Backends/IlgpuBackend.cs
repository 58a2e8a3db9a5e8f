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
    private readonly ConcurrentDictionary<MethodInfo, Delegate> _kernels = new();
    private string? _broken;
    private MemoryBuffer1D<double, Stride1D.Dense>? _scratch;
    private double[] _scratchHost = [];

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

    /// <summary>Launches a generated kernel over <paramref name="extent"/> points on the default stream.</summary>
    public void Run<TIndex, TArgs>(Action<TIndex, TArgs> kernel, TIndex extent, TArgs args)
        where TIndex : struct, IIndex
        where TArgs : struct
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_broken is not null)
            throw new InvalidOperationException($"Backend '{Name}' cannot compile kernels any more because an earlier compilation failed ({_broken}); create a new backend.");
        var launch = (Action<AcceleratorStream, TIndex, TArgs>)_kernels.GetOrAdd(kernel.Method, _ => Compile(kernel));
        launch(Accelerator.DefaultStream, extent, args);
    }

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
        Accelerator.Dispose();
        _context.Dispose();
    }

    private Action<AcceleratorStream, TIndex, TArgs> Compile<TIndex, TArgs>(Action<TIndex, TArgs> kernel)
        where TIndex : struct, IIndex
        where TArgs : struct
    {
        try
        {
            return Accelerator.LoadAutoGroupedKernel(kernel);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ILGPU's context is not usable after a compiler exception.
            _broken = $"{kernel.Method.DeclaringType?.Name}.{kernel.Method.Name}: {e.Message}";
            throw new InvalidOperationException($"ILGPU could not compile kernel {kernel.Method.DeclaringType?.Name}.{kernel.Method.Name} for '{Name}': {e.Message}", e);
        }
    }
}
