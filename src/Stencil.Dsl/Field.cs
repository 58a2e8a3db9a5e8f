namespace Stencil;

/// <summary>
/// A 1D, 2D or 3D array of <c>double</c> or <c>float</c> owned by a <see cref="Backend"/>, stored
/// with x fastest (then y, then z), as in ParallelStencil. Host copies are explicit.
/// Inside a [Stencil] method its indexers express the index form: <c>A[Ix + 1, Iy]</c>.
/// </summary>
public abstract class Field<T> : IDisposable where T : unmanaged
{
    /// <summary>Creates the field's bookkeeping; backends allocate the memory.</summary>
    protected Field(Backend backend, int rank, int nx, int ny, int nz)
    {
        Backend = backend;
        Rank = rank;
        Nx = nx;
        Ny = ny;
        Nz = nz;
    }

    /// <summary>The backend that owns this field's memory.</summary>
    public Backend Backend { get; }

    /// <summary>Number of dimensions: 1, 2 or 3.</summary>
    public int Rank { get; }

    /// <summary>Extent along x.</summary>
    public int Nx { get; }

    /// <summary>Extent along y (1 for 1D fields).</summary>
    public int Ny { get; }

    /// <summary>Extent along z (1 for 1D and 2D fields).</summary>
    public int Nz { get; }

    /// <summary>Number of points.</summary>
    public long Length => (long)Nx * Ny * Nz;

    /// <summary>The extents as text, e.g. <c>256x127</c>.</summary>
    public string ShapeText => Shape(Rank, Nx, Ny, Nz);

    /// <summary>Index form inside a [Stencil] method: the element at <c>ix</c>.</summary>
    public ref T this[int ix] => throw StencilOnly.ElementError();

    /// <summary>Index form inside a [Stencil] method: the element at <c>(ix, iy)</c>.</summary>
    public ref T this[int ix, int iy] => throw StencilOnly.ElementError();

    /// <summary>Index form inside a [Stencil] method: the element at <c>(ix, iy, iz)</c>.</summary>
    public ref T this[int ix, int iy, int iz] => throw StencilOnly.ElementError();

    /// <summary>Copies <paramref name="source"/> (x fastest, <see cref="Length"/> values) into the field.</summary>
    public void CopyFromHost(ReadOnlySpan<T> source)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (source.Length != Length)
            throw new ArgumentException($"The host data has {source.Length} values but the field {ShapeText} has {Length}.", nameof(source));
        CopyFromHostCore(source);
    }

    /// <summary>Copies the field into <paramref name="destination"/> (x fastest, <see cref="Length"/> values).</summary>
    public void CopyToHost(Span<T> destination)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (destination.Length != Length)
            throw new ArgumentException($"The host buffer has {destination.Length} values but the field {ShapeText} has {Length}.", nameof(destination));
        CopyToHostCore(destination);
    }

    /// <summary>A new host array with the field's values (x fastest).</summary>
    public T[] ToArray()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var values = new T[Length];
        CopyToHostCore(values);
        return values;
    }

    /// <summary>This field with its adjoint, for reverse-mode launchers: <c>K.With(KBar)</c>.</summary>
    public Duplicated<T> With(Field<T> adjoint) => new(this, adjoint);

    /// <summary>Sets every point to <paramref name="value"/>.</summary>
    public abstract void Fill(T value);

    /// <summary>Backend-specific copy from the host; the length is already checked.</summary>
    protected abstract void CopyFromHostCore(ReadOnlySpan<T> source);

    /// <summary>Backend-specific copy to the host; the length is already checked.</summary>
    protected abstract void CopyToHostCore(Span<T> destination);

    /// <summary>True once <see cref="Dispose()"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the field's backend memory.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"Field<{typeof(T).Name}>[{ShapeText}] on {Backend.Name}";

    internal static string Shape(int rank, int nx, int ny, int nz) => rank switch
    {
        1 => $"{nx}",
        2 => $"{nx}x{ny}",
        _ => $"{nx}x{ny}x{nz}",
    };
}
