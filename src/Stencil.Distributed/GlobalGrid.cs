namespace Stencil.Distributed;

/// <summary>
/// A structured grid split over MPI processes with ImplicitGlobalGrid's semantics: the processes
/// form a Cartesian topology; each holds an equal local block of nx x ny x nz points, and
/// neighbouring blocks overlap by <c>overlap</c> points per axis (default 2), so the global grid
/// has <c>dims · (n − overlap) + overlap</c> points per axis (<c>dims · (n − overlap)</c> if
/// periodic). A field one point larger than the block along an axis (staggered, on faces) overlaps
/// by one more, one smaller by one less. Kernels run on the local blocks unchanged;
/// <see cref="UpdateHalo{T}(ReadOnlySpan{Field{T}})"/> refreshes the points a neighbour owns,
/// reductions count each global point once, <see cref="Gather{T}"/> assembles a field on one process.
/// <para>
/// A process started without mpiexec runs as a grid of one process and loads no MPI library; the
/// same program under <c>mpiexec -n N</c> splits the domain. Reductions are exact sums, so a run on
/// N processes gives the same bits as the run on one.
/// </para>
/// </summary>
public sealed partial class GlobalGrid : IGlobalGrid, IDisposable
{
    private readonly Messages? _messages;
    private readonly MPI.CartesianCommunicator? _cartesian;
    private readonly int[] _n, _dims, _coords, _overlaps, _left, _right;
    private readonly bool[] _periodic;

    private GlobalGrid(int dimensions, int[] n, int[] dims, bool[] periodic, int[] overlaps, Messages? messages)
    {
        Dimensions = dimensions;
        _n = n;
        _dims = dims;
        _periodic = periodic;
        _overlaps = overlaps;
        _messages = messages;
        _coords = new int[3];
        _left = [-1, -1, -1];
        _right = [-1, -1, -1];
        if (messages is not null)
        {
            // reorder: false keeps the ranks of MPI_COMM_WORLD, which the grid's own communicator shares.
            _cartesian = new MPI.CartesianCommunicator(MPI.Communicator.world, 3, dims, periodic, false);
            Array.Copy(_cartesian.Coordinates, _coords, 3);
            for (int axis = 0; axis < 3; axis++)
            {
                _cartesian.Shift(axis, 1, out int source, out int destination);
                _left[axis] = source < 0 ? -1 : source;
                _right[axis] = destination < 0 ? -1 : destination;
            }
        }
        else
        {
            for (int axis = 0; axis < 3; axis++)
                if (periodic[axis]) _left[axis] = _right[axis] = 0;
        }
    }

    /// <summary>
    /// The grid whose local blocks have <paramref name="nx"/> x <paramref name="ny"/> x
    /// <paramref name="nz"/> points (ImplicitGlobalGrid's <c>init_global_grid</c>); axes of size 1 are
    /// not split. Every process passes the same sizes.
    /// </summary>
    public static GlobalGrid Init(int nx, int ny = 1, int nz = 1, GlobalGridOptions? options = null)
    {
        options ??= new GlobalGridOptions();
        int[] n = [nx, ny, nz];
        int dimensions = nz > 1 ? 3 : ny > 1 ? 2 : 1;
        var (messages, dims, periodic, overlaps) = Topology(dimensions, options);
        for (int axis = 0; axis < dimensions; axis++)
        {
            if (n[axis] < 1)
                Fail(messages, new ArgumentOutOfRangeException(nameof(nx), $"Local block sizes must be at least 1; got {nx} x {ny} x {nz}."));
            if ((dims[axis] > 1 || periodic[axis]) && n[axis] <= overlaps[axis])
                Fail(messages, new ArgumentException($"Along {Axis(axis)} the local block has {n[axis]} points but neighbouring blocks overlap by {overlaps[axis]}: a block needs more points than the overlap; use larger blocks or fewer processes along {Axis(axis)}."));
        }
        return new GlobalGrid(dimensions, n, dims, periodic, overlaps, messages);
    }

    /// <summary>
    /// The grid of <paramref name="nxGlobal"/> x <paramref name="nyGlobal"/> x <paramref name="nzGlobal"/>
    /// global points, split over the processes of this run. Refuses sizes the topology cannot split
    /// into equal blocks, naming the nearest ones it can (or takes those with
    /// <see cref="GlobalGridOptions.AdjustToValid"/>).
    /// </summary>
    public static GlobalGrid FromGlobalSize(int nxGlobal, int nyGlobal = 1, int nzGlobal = 1, GlobalGridOptions? options = null)
    {
        options ??= new GlobalGridOptions();
        int[] global = [nxGlobal, nyGlobal, nzGlobal];
        int dimensions = nzGlobal > 1 ? 3 : nyGlobal > 1 ? 2 : 1;
        var (messages, dims, periodic, overlaps) = Topology(dimensions, options);
        int[] n = [1, 1, 1];
        var problems = new List<string>();
        for (int axis = 0; axis < dimensions; axis++)
        {
            if (dims[axis] == 1 && !periodic[axis])
            {
                n[axis] = global[axis];   // not split: the block is the whole axis
                continue;
            }
            int shared = periodic[axis] ? 0 : overlaps[axis];
            var (below, above) = NearestValid(global[axis], dims[axis], overlaps[axis], periodic[axis]);
            int chosen = global[axis];
            if (below != global[axis])
            {
                if (!options.AdjustToValid)
                {
                    problems.Add($"along {Axis(axis)}, {global[axis]} points cannot be split over {dims[axis]} processes with overlap {overlaps[axis]} "
                        + $"({(periodic[axis] ? "n_global" : "n_global - overlap")} must be a positive multiple of {dims[axis]}); the nearest valid sizes are "
                        + (below is int lower ? $"{lower} and {above}" : $"{above}"));
                    continue;
                }
                chosen = below is int b && global[axis] - b < above - global[axis] ? b : above;
            }
            n[axis] = (chosen - shared) / dims[axis] + overlaps[axis];
        }
        if (problems.Count > 0)
            Fail(messages, new ArgumentException($"The global grid {string.Join(" x ", global.Take(dimensions))} does not fit the topology {string.Join(" x ", dims.Take(dimensions))}: {string.Join("; ", problems)}."));
        return new GlobalGrid(dimensions, n, dims, periodic, overlaps, messages);
    }

    /// <summary>
    /// The valid global sizes nearest to <paramref name="global"/> for <paramref name="dims"/> processes
    /// along an axis: below (null if none) and above.
    /// </summary>
    public static (int? Below, int Above) NearestValid(int global, int dims, int overlap, bool periodic = false)
    {
        // Valid: shared + dims · k with k ≥ 1, so that every block has more points than the overlap.
        int shared = periodic ? 0 : overlap;
        int kBelow = (int)Math.Floor((global - shared) / (double)dims);
        int kAbove = Math.Max(1, (int)Math.Ceiling((global - shared) / (double)dims));
        return (kBelow >= 1 ? shared + dims * kBelow : null, shared + dims * kAbove);
    }

    /// <summary>Number of axes: 1, 2 or 3.</summary>
    public int Dimensions { get; }

    /// <summary>This process's rank (0 to <see cref="Processes"/> − 1).</summary>
    public int Rank => _messages?.Rank ?? 0;

    /// <summary>Number of processes.</summary>
    public int Processes => _messages?.Size ?? 1;

    /// <summary>True on rank 0, which writes the run's output.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Processes along x, y, z.</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <summary>This process's position in the topology along x, y, z.</summary>
    public IReadOnlyList<int> Coords => _coords;

    /// <summary>Whether x, y, z wrap around.</summary>
    public IReadOnlyList<bool> Periodic => _periodic;

    /// <summary>Points shared by neighbouring blocks along x, y, z.</summary>
    public IReadOnlyList<int> Overlaps => _overlaps;

    /// <summary>Local block size along x.</summary>
    public int Nx => _n[0];

    /// <summary>Local block size along y.</summary>
    public int Ny => _n[1];

    /// <summary>Local block size along z.</summary>
    public int Nz => _n[2];

    /// <summary>Global size along x.</summary>
    public int NxGlobal => GlobalExtent(0, _n[0]);

    /// <summary>Global size along y.</summary>
    public int NyGlobal => GlobalExtent(1, _n[1]);

    /// <summary>Global size along z.</summary>
    public int NzGlobal => GlobalExtent(2, _n[2]);

    /// <summary>The global extent along <paramref name="axis"/> of a field whose local extent is <paramref name="localExtent"/> (n + 1 for faces).</summary>
    public int GlobalExtent(int axis, int localExtent)
    {
        int overlap = FieldOverlap(axis, localExtent);
        return _periodic[axis] ? _dims[axis] * (_n[axis] - _overlaps[axis]) : _dims[axis] * (_n[axis] - _overlaps[axis]) + overlap;
    }

    /// <summary>
    /// The global index of local index <paramref name="index"/> along <paramref name="axis"/> of a field
    /// of local extent <paramref name="localExtent"/> (cells: n; faces: n + 1). Index 0 of every field
    /// of a block sits at the same global index, <c>coords · (n − overlap)</c>.
    /// </summary>
    public int GlobalIndex(int axis, int index, int localExtent) => GlobalIndex(axis, index, localExtent, _coords[axis]);

    internal int GlobalIndex(int axis, int index, int localExtent, int coord)
    {
        int global = coord * (_n[axis] - _overlaps[axis]) + index;
        if (_periodic[axis])
        {
            int extent = GlobalExtent(axis, localExtent);
            global = ((global - _overlaps[axis] / 2) % extent + extent) % extent;
        }
        return global;
    }

    /// <summary>
    /// The points of a field of local extent <paramref name="localExtent"/> that this process owns
    /// along <paramref name="axis"/>, [Start, End): the owned points of all processes cover the global
    /// field once. A block gives the middle of each overlap to its neighbour's side.
    /// </summary>
    public (int Start, int End) OwnedRange(int axis, int localExtent) => OwnedRange(axis, localExtent, _coords[axis]);

    /// <summary>The owned range of the block at <paramref name="coord"/>: every process can tell any other's.</summary>
    internal (int Start, int End) OwnedRange(int axis, int localExtent, int coord)
    {
        int overlap = FieldOverlap(axis, localExtent);
        bool left = _periodic[axis] ? _dims[axis] > 1 || _left[axis] >= 0 : coord > 0;
        bool right = _periodic[axis] ? _dims[axis] > 1 || _right[axis] >= 0 : coord < _dims[axis] - 1;
        return (left ? overlap / 2 : 0, right ? localExtent - (overlap - overlap / 2) : localExtent);
    }

    /// <summary>The overlap of a field of this local extent: the grid's, plus how much larger than the block the field is.</summary>
    public int FieldOverlap(int axis, int localExtent) => _overlaps[axis] + localExtent - _n[axis];

    /// <summary>
    /// Ends every process of the run with <paramref name="code"/>: after an error on this process, so
    /// that the others do not wait for it forever. Without MPI it ends this process.
    /// </summary>
    public static void AbortRun(int code)
    {
        if (MpiLibrary.Started) Messages.Abort(code);
        System.Environment.Exit(code);
    }

    /// <summary>
    /// This process's rank as the process manager (mpiexec, srun) set it, before any grid exists; 0
    /// without one. For messages that every process would print alike: print them where it is 0.
    /// </summary>
    public static int LaunchRank
    {
        get
        {
            foreach (var name in new[] { "PMI_RANK", "OMPI_COMM_WORLD_RANK", "PMIX_RANK" })
                if (int.TryParse(System.Environment.GetEnvironmentVariable(name), out int rank)) return rank;
            return 0;
        }
    }

    /// <summary>Waits until every process gets here.</summary>
    public void Barrier() => _messages?.Barrier();

    /// <inheritdoc />
    public override string ToString()
        => $"{string.Join(" x ", new[] { NxGlobal, NyGlobal, NzGlobal }.Take(Dimensions))} points on {Processes} process(es) ({string.Join(" x ", _dims.Take(Dimensions))}), "
         + $"blocks of {string.Join(" x ", _n.Take(Dimensions))}, overlap {string.Join(" x ", _overlaps.Take(Dimensions))}";

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffers in _halo) buffers.Dispose();
        _halo.Clear();
        _cartesian?.Dispose();
        _messages?.Dispose();
    }

    /// <summary>The owned points of a field, as a box.</summary>
    internal Box OwnedBox<T>(Field<T> field) where T : unmanaged
    {
        CheckField(field);
        var (x0, x1) = OwnedRange(0, field.Nx);
        var (y0, y1) = Dimensions > 1 ? OwnedRange(1, field.Ny) : (0, 1);
        var (z0, z1) = Dimensions > 2 ? OwnedRange(2, field.Nz) : (0, 1);
        return new Box { XLo = x0, XHi = x1 - 1, YLo = y0, YHi = y1 - 1, ZLo = z0, ZHi = z1 - 1 };
    }

    /// <summary>Refuses a field that is not a block of this grid.</summary>
    internal void CheckField<T>(Field<T> field) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(field);
        ObjectDisposedException.ThrowIf(field.IsDisposed, field);
        if (field.Rank != Dimensions)
            throw new ArgumentException($"The field {field.ShapeText} is {field.Rank}D but the global grid is {Dimensions}D.");
        for (int axis = 0; axis < Dimensions; axis++)
        {
            int extent = axis == 0 ? field.Nx : axis == 1 ? field.Ny : field.Nz;   // no array: this runs at every halo update
            int overlap = FieldOverlap(axis, extent);
            if (overlap < 0 || (overlap >= 2 && extent < 2 * overlap - overlap / 2))
                throw new ArgumentException($"The field {field.ShapeText} is not a block of this grid: along {Axis(axis)} its extent {extent} gives an overlap of {overlap} with local blocks of {_n[axis]} and overlap {_overlaps[axis]}. "
                    + "Allocate fields of the block size, or one larger or smaller for staggered points.");
        }
    }

    internal static string Axis(int axis) => "xyz"[axis].ToString();

    private static (Messages? Messages, int[] Dims, bool[] Periodic, int[] Overlaps) Topology(int dimensions, GlobalGridOptions options)
    {
        Messages? messages = null;
        if (MpiLibrary.LaunchedByMpi)
        {
            MpiLibrary.Start();
            messages = new Messages();
        }
        int size = messages?.Size ?? 1;
        var dims = new int[3];
        var periodic = new bool[3];
        var overlaps = new int[3];
        for (int axis = 0; axis < 3; axis++)
        {
            bool used = axis < dimensions;
            dims[axis] = used ? options.DimsAt(axis) : 1;
            periodic[axis] = used && options.PeriodicAt(axis);
            overlaps[axis] = options.OverlapAt(axis);
            if (dims[axis] < 0 || overlaps[axis] < 0)
                Fail(messages, new ArgumentOutOfRangeException(nameof(options), $"Dims and overlaps must not be negative; got dims {dims[axis]} and overlap {overlaps[axis]} along {Axis(axis)}."));
        }
        int fixedProduct = dims.Where(d => d > 0).Aggregate(1, (a, b) => a * b);
        if (size % fixedProduct != 0)
            Fail(messages, new ArgumentException($"The run has {size} process(es) but the requested dims ({string.Join(" x ", dims.Take(dimensions))}) need a multiple of {fixedProduct}: start mpiexec -n {fixedProduct}, or leave dims 0 to let the grid choose."));
        if (messages is not null) MPI.CartesianCommunicator.ComputeDimensions(size, 3, ref dims);
        else for (int axis = 0; axis < 3; axis++) dims[axis] = Math.Max(dims[axis], 1);
        if (dims.Aggregate(1, (a, b) => a * b) != size)
            Fail(messages, new ArgumentException($"The requested dims ({string.Join(" x ", dims)}) do not multiply to the {size} process(es) of the run."));
        return (messages, dims, periodic, overlaps);
    }

    /// <summary>Throws <paramref name="error"/>: every process checks the same inputs, so all of them throw it.</summary>
    private static void Fail(Messages? messages, Exception error)
    {
        messages?.Dispose();
        throw error;
    }
}
