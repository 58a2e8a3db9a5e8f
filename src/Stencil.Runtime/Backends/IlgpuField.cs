using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace Stencil.CompilerServices;

/// <summary>A field in the memory of an ILGPU accelerator (GPU, or ILGPU's CPU simulator).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IlgpuField<T> : Field<T> where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;

    internal IlgpuField(IlgpuBackend backend, int rank, int nx, int ny, int nz)
        : base(backend, rank, nx, ny, nz)
    {
        if (Length > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(nx), $"Accelerator fields are limited to {int.MaxValue} points; {ShapeText} has {Length}.");
        _buffer = backend.Accelerator.Allocate1D<T>(Length);
        _buffer.MemSetToZero();
    }

    /// <summary>The accelerator view that kernels read and write.</summary>
    public ArrayView<T> View => _buffer.View;

    /// <inheritdoc />
    public override void Fill(T value)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var host = new T[Length];
        Array.Fill(host, value);
        _buffer.View.CopyFromCPU(host);
    }

    /// <inheritdoc />
    protected override void CopyFromHostCore(ReadOnlySpan<T> source) => _buffer.View.AsContiguous().CopyFromCPU(source);

    /// <inheritdoc />
    protected override void CopyToHostCore(Span<T> destination)
    {
        Backend.Synchronize();
        _buffer.View.AsContiguous().CopyToCPU(destination);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _buffer.Dispose();
    }
}
