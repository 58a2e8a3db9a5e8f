using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stencil.CompilerServices;

/// <summary>
/// A field in 64-byte aligned native memory (cache-line and AVX-512 aligned), zero-initialised,
/// with <see cref="Padding"/> bytes of readable memory before and after its elements: a CPU
/// gather's end vectors load up to one vector past the elements they use, and discard what they
/// read there.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class CpuField<T> : Field<T> where T : unmanaged
{
    /// <summary>Bytes before the first element and after the last: one 512-bit vector.</summary>
    public const int Padding = 64;

    private const int CopyChunk = 1 << 28;
    private byte* _memory;

    internal CpuField(CpuBackend backend, int rank, int nx, int ny, int nz)
        : base(backend, rank, nx, ny, nz)
    {
        nuint bytes = checked((nuint)Length * (nuint)sizeof(T) + 2 * Padding);
        _memory = (byte*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(_memory, bytes);
        Pointer = (T*)(_memory + Padding);
    }

    /// <summary>Finalizer: frees the native memory if the field was not disposed.</summary>
    ~CpuField() => Dispose(false);

    /// <summary>The first element (x fastest, then y, then z).</summary>
    public T* Pointer { get; private set; }

    /// <inheritdoc />
    public override void Fill(T value)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        for (long start = 0; start < Length; start += CopyChunk)
            Chunk(start).Fill(value);
    }

    /// <inheritdoc />
    protected override void CopyFromHostCore(ReadOnlySpan<T> source) => source.CopyTo(new Span<T>(Pointer, source.Length));

    /// <inheritdoc />
    protected override void CopyToHostCore(Span<T> destination) => new ReadOnlySpan<T>(Pointer, destination.Length).CopyTo(destination);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_memory == null) return;
        NativeMemory.AlignedFree(_memory);
        _memory = null;
        Pointer = null;
    }

    private Span<T> Chunk(long start) => new(Pointer + start, (int)Math.Min(CopyChunk, Length - start));
}
