namespace Stencil;

/// <summary>
/// Where kernels run and fields live: the native CPU backend (default) or an ILGPU accelerator.
/// Concrete backends come from <c>Stencil.Backends</c> in Stencil.Runtime.
/// </summary>
public abstract class Backend : IDisposable
{
    /// <summary>Short name, e.g. <c>cpu</c>, <c>cuda</c>, <c>ilgpu-cpu</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A 1D field of <paramref name="nx"/> points, zero-initialised.</summary>
    public Field<T> Allocate<T>(int nx) where T : unmanaged => AllocateChecked<T>(1, nx, 1, 1);

    /// <summary>A 2D field of <paramref name="nx"/> x <paramref name="ny"/> points (x fastest), zero-initialised.</summary>
    public Field<T> Allocate<T>(int nx, int ny) where T : unmanaged => AllocateChecked<T>(2, nx, ny, 1);

    /// <summary>A 3D field of <paramref name="nx"/> x <paramref name="ny"/> x <paramref name="nz"/> points (x fastest), zero-initialised.</summary>
    public Field<T> Allocate<T>(int nx, int ny, int nz) where T : unmanaged => AllocateChecked<T>(3, nx, ny, nz);

    /// <summary>Waits until every kernel launched on this backend has finished.</summary>
    public abstract void Synchronize();

    /// <summary>Allocates backend memory for a field of validated extents.</summary>
    protected abstract Field<T> AllocateCore<T>(int rank, int nx, int ny, int nz) where T : unmanaged;

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

    /// <summary>Releases the backend's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private Field<T> AllocateChecked<T>(int rank, int nx, int ny, int nz) where T : unmanaged
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException($"Fields hold double or float values, not {typeof(T).Name}.");
        string? bad = nx < 1 ? nameof(nx) : ny < 1 ? nameof(ny) : nz < 1 ? nameof(nz) : null;
        if (bad is not null)
            throw new ArgumentOutOfRangeException(bad, $"Field extents must be at least 1, but {bad} is {(bad == nameof(nx) ? nx : bad == nameof(ny) ? ny : nz)} (a field of {Field<T>.Shape(rank, nx, ny, nz)} points).");
        return AllocateCore<T>(rank, nx, ny, nz);
    }
}
