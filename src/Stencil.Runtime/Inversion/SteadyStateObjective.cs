namespace Stencil;

/// <summary>
/// The objective of an inversion for a steady problem, built from its parts:
/// J(m) = ½ Σ_k (u(c_k) − d_k)², where u is one state of the problem's steady solution for the
/// parameter field p(m) (<see cref="Scale"/>: p = m or p = exp m) and d_k are data at global cells c_k.
/// A cost is one forward PT solve; a gradient one adjoint PT solve derived by the runtime
/// (<see cref="AdjointSolver{T}"/>), dJ/dm = dJ/dp (linear) or p dJ/dp (log). The user writes the
/// physics and the data, no adjoint.
/// <para>
/// m holds p at the points this process owns (<see cref="IGlobalGrid.OwnedValues{T}"/>); J and
/// its sums go through the problem's grid, so on a grid with exact sums J and its gradient are the
/// same bits on any number of processes. Cells are global flat indices, x fastest:
/// i + nx (j + ny k) with nx, ny the global extents of the observed state.
/// </para>
/// <para>
/// With <see cref="SolveStart.LastSolution"/> a solve starts from the previous one (the first of
/// this objective from <see cref="Reset"/>); the starts are part of <see cref="IStatefulObjective.SaveState"/>,
/// so a resumed inversion evaluates bit for bit as an uninterrupted one. L-BFGS asks for the
/// gradient only at the steps it accepts (<see cref="IGradientAfterCost"/>).
/// </para>
/// </summary>
public sealed class SteadyStateObjective : IStatefulObjective, IGradientAfterCost, IDisposable
{
    private readonly SteadyProblem<double> _problem;
    private readonly IGlobalGrid _grid;
    private readonly AdjointSolver<double> _adjoint;
    private readonly Field<double> _parameter;
    private readonly Field<double> _observed;
    private readonly Field<double> _dJdu;
    private readonly Field<double>[] _gradients;
    private readonly int _parameterIndex, _stateIndex;
    private readonly (int Index, int Local)[] _owned, _local;   // observations at the owned points, and at every local point (halo included)
    private readonly double _points;   // of the observed state, globally
    private double[] _data;
    private double[]? _values;   // Values() of the last solve
    private bool _solved, _adjointSolved, _costed;

    /// <summary>
    /// J of the state <paramref name="observed"/> (a field declared with <c>SteadyProblem.State</c>) at the
    /// global <paramref name="cells"/>, for the problem parameter <paramref name="parameter"/>; data zero
    /// until <see cref="Data"/> is set.
    /// </summary>
    public SteadyStateObjective(SteadyProblem<double> problem, Field<double> parameter, Field<double> observed, IReadOnlyList<int> cells)
    {
        _problem = problem;
        _grid = problem.Grid;
        _parameterIndex = IndexOf(problem.Parameters, parameter);
        if (_parameterIndex < 0)
            throw new ArgumentException($"The field {parameter.ShapeText} is not a parameter of the problem: declare it with SteadyProblem.Parameter(field) first.", nameof(parameter));
        _stateIndex = problem.States.ToList().FindIndex(s => ReferenceEquals(s.State, observed));
        if (_stateIndex < 0)
            throw new ArgumentException($"The observed field {observed.ShapeText} is not a state of the problem, whose states are {string.Join(", ", problem.States.Select(s => s.Name))}: pass one of their fields, or declare it with SteadyProblem.State(...).", nameof(observed));
        _parameter = parameter;
        _observed = observed;
        string observedState = problem.States[_stateIndex].Name;
        int[] extents = [_observed.Nx, _observed.Ny, _observed.Nz];
        var global = Enumerable.Range(0, 3).Select(a => a < _observed.Rank ? _grid.GlobalExtent(a, extents[a]) : 1).ToArray();
        _points = (double)global[0] * global[1] * global[2];
        var byCell = new Dictionary<int, List<int>>();
        for (int k = 0; k < cells.Count; k++)
        {
            if (cells[k] < 0 || cells[k] >= _points)
                throw new ArgumentOutOfRangeException(nameof(cells), $"Observation {k} is at cell {cells[k]}, outside the state '{observedState}' of {string.Join(" x ", global.Take(_observed.Rank))} global points: give flat indices i + nx (j + ny k) below {_points}.");
            if (!byCell.TryGetValue(cells[k], out var list)) byCell[cells[k]] = list = [];
            list.Add(k);
        }
        var owned = Enumerable.Range(0, 3).Select(a => a < _observed.Rank ? _grid.OwnedRange(a, extents[a]) : (0, 1)).ToArray();
        var local = new List<(int, int)>();
        var ownedHere = new List<(int, int)>();
        for (int z = 0, p = 0; z < extents[2]; z++)
            for (int y = 0; y < extents[1]; y++)
                for (int x = 0; x < extents[0]; x++, p++)
                {
                    int cell = Global(0, x) + global[0] * (Global(1, y) + global[1] * Global(2, z));
                    if (!byCell.TryGetValue(cell, out var observations)) continue;
                    bool mine = Within(owned[0], x) && Within(owned[1], y) && Within(owned[2], z);
                    foreach (int k in observations)
                    {
                        local.Add((k, p));
                        if (mine) ownedHere.Add((k, p));
                    }
                }
        _local = local.ToArray();
        _owned = ownedHere.ToArray();
        _data = new double[cells.Count];
        Observations = cells.Count;
        Parameters = Enumerable.Range(0, parameter.Rank).Aggregate(1, (n, a) =>
        {
            var (start, end) = _grid.OwnedRange(a, a == 0 ? parameter.Nx : a == 1 ? parameter.Ny : parameter.Nz);
            return n * (end - start);
        });
        _adjoint = new AdjointSolver<double>(problem);
        _dJdu = problem.Backend.AllocateLike(_observed);
        _gradients = problem.Parameters.Select(problem.Backend.AllocateLike).ToArray();

        int Global(int axis, int index) => axis < _observed.Rank ? _grid.GlobalIndex(axis, index, extents[axis]) : 0;
        static bool Within((int Start, int End) range, int index) => index >= range.Start && index < range.End;
    }

    /// <summary>How m maps onto the parameter field (default: p = m).</summary>
    public ParameterScale Scale { get; init; } = ParameterScale.Linear;

    /// <summary>
    /// Compares the data with u − mean(u), the mean over the global grid: for a state defined only up
    /// to a constant, such as the pressure of a flow with no-flux boundaries all around. It also makes
    /// ∂J/∂u mean-free, which such an adjoint problem needs to have a solution.
    /// </summary>
    public bool RemoveMean { get; init; }

    /// <summary>The forward solves' options.</summary>
    public PseudoTransientOptions Forward { get; init; } = new();

    /// <summary>The adjoint solves' options (<see cref="PseudoTransientOptions.RelativeTolerance"/> is relative to max |∂J/∂u|).</summary>
    public PseudoTransientOptions Adjoint { get; init; } = new();

    /// <summary>The adjoint solves' pseudo-time steps, asked for before each one; default: the forward steps.</summary>
    public Func<IReadOnlyList<PseudoStep<double>>>? AdjointSteps { get; init; }

    /// <summary>Where forward solves start (default: from <see cref="Reset"/>, so J depends on m only).</summary>
    public SolveStart ForwardStart { get; init; } = SolveStart.Rest;

    /// <summary>Where adjoint solves start (default: Ψ = 0).</summary>
    public SolveStart AdjointStart { get; init; } = SolveStart.Rest;

    /// <summary>Sets the states a forward solve starts from when it starts from rest; default: every state 0.</summary>
    public Action? Reset { get; init; }

    /// <summary>Runs after the parameter field is set, before the forward solve: for what depends on it outside the kernels (e.g. local step fields).</summary>
    public Action? ParameterChanged { get; init; }

    /// <summary>Where to write a line for each solve that stops at its iteration cap unconverged (e.g. the console of one process); null: nowhere.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The data d_k, one per observation (zero until set).</summary>
    public IReadOnlyList<double> Data
    {
        get => _data;
        set
        {
            if (value.Count != Observations)
                throw new ArgumentException($"The objective has {Observations} observations but {value.Count} data values were given: give one value per cell.", nameof(value));
            _data = value.ToArray();
        }
    }

    /// <summary>Number of observations.</summary>
    public int Observations { get; }

    /// <summary>Length of m on this process: the parameter points it owns.</summary>
    public int Parameters { get; }

    /// <summary>The last forward solve.</summary>
    public SolveResult? LastForward { get; private set; }

    /// <summary>The last adjoint solve.</summary>
    public SolveResult? LastAdjoint { get; private set; }

    /// <summary>The first forward solve of this objective: in a resumed run, the first since the resume.</summary>
    public SolveResult? FirstForward { get; private set; }

    /// <summary>The first adjoint solve of this objective.</summary>
    public SolveResult? FirstAdjoint { get; private set; }

    /// <summary>The counts of solves, iterations and seconds so far, for a report.</summary>
    public SolveStatistics Statistics => new(ForwardSolves, AdjointSolves, ForwardIterations, AdjointIterations, ForwardSeconds, AdjointSeconds, Unconverged);

    /// <summary>Forward solves so far.</summary>
    public int ForwardSolves { get; private set; }

    /// <summary>Adjoint solves so far.</summary>
    public int AdjointSolves { get; private set; }

    /// <summary>PT iterations of all forward solves.</summary>
    public long ForwardIterations { get; private set; }

    /// <summary>PT iterations of all adjoint solves.</summary>
    public long AdjointIterations { get; private set; }

    /// <summary>Seconds of all forward solves.</summary>
    public double ForwardSeconds { get; private set; }

    /// <summary>Seconds of all adjoint solves.</summary>
    public double AdjointSeconds { get; private set; }

    /// <summary>Solves that stopped at their iteration cap before their target.</summary>
    public int Unconverged { get; private set; }

    /// <inheritdoc />
    public double Cost(double[] m)
    {
        Solve(m);
        var r = Residuals(Values());
        return 0.5 * _grid.Dot(r, r);
    }

    /// <inheritdoc />
    public double CostAndGradient(double[] m, double[] gradient)
    {
        double cost = Cost(m);
        GradientAtLastCost(gradient);
        return cost;
    }

    /// <inheritdoc />
    public void GradientAtLastCost(double[] gradient)
    {
        if (!_costed) throw new InvalidOperationException("GradientAtLastCost gives the gradient at the last Cost call: call Cost first.");
        if (gradient.Length != Parameters)
            throw new ArgumentException($"This process owns {Parameters} parameters; the gradient array has {gradient.Length} entries.", nameof(gradient));
        var u = Values();
        // ∂J/∂u at every local observation (halo points too, so the gathers there see it), mean-free if the mean is removed.
        double mean = RemoveMean ? _grid.Sum(Residuals(u)) / _points : 0;
        var dJdu = new double[u.Length];
        if (RemoveMean) Array.Fill(dJdu, -mean);
        foreach (var (k, at) in _local) dJdu[at] += u[at] - _data[k];
        _dJdu.CopyFromHost(dJdu);
        var rightHandSides = new Field<double>?[_problem.States.Count];
        rightHandSides[_stateIndex] = _dJdu;
        var steps = AdjointSteps?.Invoke() ?? _problem.States.Select(s => s.Step).ToArray();
        LastAdjoint = _adjoint.Solve(rightHandSides, steps, Adjoint, warmStart: AdjointStart == SolveStart.LastSolution && _adjointSolved);
        _adjointSolved = true;
        FirstAdjoint ??= LastAdjoint;
        AdjointSolves++;
        AdjointIterations += LastAdjoint.Iterations;
        AdjointSeconds += LastAdjoint.Seconds;
        Report(LastAdjoint, "adjoint");
        _adjoint.Gradient(_gradients);
        var dJdp = _grid.OwnedValues(_gradients[_parameterIndex]);
        var p = Scale == ParameterScale.Log ? _grid.OwnedValues(_parameter) : null;
        for (int i = 0; i < gradient.Length; i++) gradient[i] = p is null ? dJdp[i] : dJdp[i] * p[i];
    }

    /// <summary>Sets the parameter field from <paramref name="m"/> and solves the forward problem.</summary>
    public SolveResult Solve(double[] m)
    {
        if (m.Length != Parameters)
            throw new ArgumentException($"This process owns {Parameters} points of the parameter field; m has {m.Length} entries.", nameof(m));
        ForwardSolves++;
        _grid.SetOwnedValues(_parameter, Scale == ParameterScale.Log ? m.Select(Math.Exp).ToArray() : m);
        ParameterChanged?.Invoke();
        if (ForwardStart == SolveStart.Rest || !_solved)
        {
            if (Reset is { } reset) reset();
            else foreach (var s in _problem.States) s.State.Fill(0);
        }
        LastForward = PseudoTransientSolver.Solve(_problem, Forward);
        FirstForward ??= LastForward;
        _values = null;
        _solved = true;
        _costed = true;
        ForwardIterations += LastForward.Iterations;
        ForwardSeconds += LastForward.Seconds;
        Report(LastForward, "forward");
        return LastForward;
    }

    /// <summary>
    /// The observed state at every observation (minus its mean with <see cref="RemoveMean"/>), on
    /// every process: from the last solve, e.g. synthetic data from a solve of the true parameters.
    /// </summary>
    public double[] ObservedValues()
    {
        var u = Values();
        var values = new double[Observations];
        for (int k = 0; k < values.Length; k++)
        {
            int at = Array.FindIndex(_owned, o => o.Index == k);
            values[k] = _grid.Sum(at >= 0 ? [u[_owned[at].Local]] : []);
        }
        return values;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double[]> SaveState()
    {
        var saved = new Dictionary<string, double[]>();
        if (ForwardStart == SolveStart.LastSolution && _solved)
            foreach (var s in _problem.States) saved[s.Name] = s.State.ToArray();
        if (AdjointStart == SolveStart.LastSolution && _adjointSolved)
            for (int i = 0; i < _adjoint.Psi.Count; i++) saved[PsiName(i)] = _adjoint.Psi[i].ToArray();
        return saved;
    }

    /// <inheritdoc />
    public void RestoreState(IReadOnlyDictionary<string, double[]> state)
    {
        if (ForwardStart == SolveStart.LastSolution)
        {
            _values = null;
            foreach (var s in _problem.States) Restore(state, s.Name, s.State);
            _solved = true;
        }
        if (AdjointStart == SolveStart.LastSolution)
        {
            for (int i = 0; i < _adjoint.Psi.Count; i++) Restore(state, PsiName(i), _adjoint.Psi[i]);
            _adjointSolved = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _adjoint.Dispose();
        _dJdu.Dispose();
        foreach (var g in _gradients) g.Dispose();
    }

    /// <summary>This block's observed state, minus the global mean where asked: read once per forward solve.</summary>
    private double[] Values()
    {
        if (_values is not null) return _values;
        var u = _observed.ToArray();
        if (RemoveMean)
        {
            double mean = _grid.Sum(_grid.OwnedValues(_observed)) / _points;
            for (int i = 0; i < u.Length; i++) u[i] -= mean;
        }
        return _values = u;
    }

    private double[] Residuals(double[] u) => _owned.Select(o => u[o.Local] - _data[o.Index]).ToArray();

    private string PsiName(int state) => "Psi_" + _problem.States[state].Name;

    private void Report(SolveResult result, string kind)
    {
        if (result.Converged) return;
        Unconverged++;
        Log?.WriteLine($"  warning: {kind} solve not converged ({result})");
    }

    private static void Restore(IReadOnlyDictionary<string, double[]> state, string name, Field<double> field)
    {
        if (!state.TryGetValue(name, out var values) || values.Length != field.Length)
            throw new InvalidDataException($"The saved inversion state has no '{name}' of {field.Length} values for this block: it was written for another case, grid or number of processes, or by an earlier version; start the inversion afresh.");
        field.CopyFromHost(values);
    }

    private static int IndexOf(IReadOnlyList<Field<double>> fields, Field<double> field)
    {
        for (int i = 0; i < fields.Count; i++)
            if (ReferenceEquals(fields[i], field)) return i;
        return -1;
    }
}
