namespace Stencil;

/// <summary>
/// How the solvers see a domain split over processes: each process holds a block of every field
/// with halo points that copy its neighbours' points. The pseudo-transient solvers update the halos
/// of the fields they step and check convergence on the points each process owns, so physics code
/// runs unchanged on one process (<see cref="SingleProcess"/>) or on many (the MPI global grid of
/// Stencil.Distributed).
/// </summary>
public interface IGlobalGrid : IGlobalReduction
{
    /// <summary>Refreshes the halo points of <paramref name="fields"/> from the processes that own them.</summary>
    void UpdateHalo<T>(params ReadOnlySpan<Field<T>> fields) where T : unmanaged;

    /// <summary>max |x| over the points of <paramref name="field"/> that any process owns, each counted once; NaN if any is NaN.</summary>
    double MaxAbs<T>(Field<T> field) where T : unmanaged;

    /// <summary>
    /// Runs <paramref name="compute"/> (kernel launches that write <paramref name="fields"/> point by
    /// point), then updates the halos of <paramref name="fields"/>, hiding the messages behind the
    /// computation (ParallelStencil's <c>@hide_communication</c>): the boundary slabs of
    /// <paramref name="boundaryWidths"/> points per axis are computed first, the exchange starts, and
    /// the interior is computed while the messages travel. The results are those of computing
    /// everything and then updating the halos.
    /// </summary>
    void HideCommunication<T>(IReadOnlyList<int> boundaryWidths, Action compute, params ReadOnlySpan<Field<T>> fields) where T : unmanaged;
}

/// <summary>A run on one process: no halos, every point owned here, the local value the global one.</summary>
public sealed class SingleProcess : IGlobalGrid
{
    /// <summary>The shared instance.</summary>
    public static readonly SingleProcess Instance = new();

    private SingleProcess()
    {
    }

    /// <inheritdoc />
    public double Max(double local) => local;

    /// <inheritdoc />
    public double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }

    /// <inheritdoc />
    public double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Dot of vectors of {a.Length} and {b.Length} entries.");
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <inheritdoc />
    public void UpdateHalo<T>(params ReadOnlySpan<Field<T>> fields) where T : unmanaged
    {
    }

    /// <inheritdoc />
    public double MaxAbs<T>(Field<T> field) where T : unmanaged => Reduce.MaxAbs(field);

    /// <inheritdoc />
    public void HideCommunication<T>(IReadOnlyList<int> boundaryWidths, Action compute, params ReadOnlySpan<Field<T>> fields) where T : unmanaged => compute();
}
