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
    /// <summary>This process's number among <see cref="Processes"/>, from 0.</summary>
    int Rank { get; }

    /// <summary>The processes that share the grid.</summary>
    int Processes { get; }

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

    /// <summary>The global extent along <paramref name="axis"/> of a field whose local extent is <paramref name="localExtent"/>.</summary>
    int GlobalExtent(int axis, int localExtent);

    /// <summary>The global index along <paramref name="axis"/> of local index <paramref name="index"/> in a field of local extent <paramref name="localExtent"/>.</summary>
    int GlobalIndex(int axis, int index, int localExtent);

    /// <summary>The local indices [Start, End) along <paramref name="axis"/> that this process owns in a field of local extent <paramref name="localExtent"/>.</summary>
    (int Start, int End) OwnedRange(int axis, int localExtent);

    /// <summary>
    /// The values of the points this process owns, x fastest: the owned points of all processes
    /// together are the global field, each point once. Optimisers work on these vectors.
    /// </summary>
    double[] OwnedValues<T>(Field<T> field) where T : unmanaged;

    /// <summary>Sets the points this process owns from <paramref name="values"/> (as <see cref="OwnedValues{T}"/> gives them) and updates the field's halo.</summary>
    void SetOwnedValues<T>(Field<T> field, ReadOnlySpan<double> values) where T : unmanaged;
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
    public int Rank => 0;

    /// <inheritdoc />
    public int Processes => 1;

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

    /// <inheritdoc />
    public int GlobalExtent(int axis, int localExtent) => localExtent;

    /// <inheritdoc />
    public int GlobalIndex(int axis, int index, int localExtent) => index;

    /// <inheritdoc />
    public (int Start, int End) OwnedRange(int axis, int localExtent) => (0, localExtent);

    /// <inheritdoc />
    public double[] OwnedValues<T>(Field<T> field) where T : unmanaged
        => field.ToArray() switch
        {
            double[] d => d,
            float[] f => Array.ConvertAll(f, v => (double)v),
            _ => throw new NotSupportedException($"Fields of {typeof(T).Name} have no owned values as doubles; use double or float."),
        };

    /// <inheritdoc />
    public void SetOwnedValues<T>(Field<T> field, ReadOnlySpan<double> values) where T : unmanaged
    {
        if (values.Length != field.Length)
            throw new ArgumentException($"The field {field.ShapeText} has {field.Length} points; got {values.Length} values.");
        if (field is Field<double> d) d.CopyFromHost(values);
        else if (field is Field<float> f) f.CopyFromHost(Array.ConvertAll(values.ToArray(), v => (float)v));
        else throw new NotSupportedException($"Fields of {typeof(T).Name} cannot be set from doubles; use double or float.");
    }
}
