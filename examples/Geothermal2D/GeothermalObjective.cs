using Stencil;
using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>
/// J(log K) = ½ Σ_obs (P̃f − Pf_obs)² through a forward PT solve; its gradient through the adjoint PT
/// solve derived by the runtime, converted by dJ/dlogK = K dJ/dK. The true gradient: the smoothing
/// that regularises the inversion is the optimiser's preconditioner (<see cref="GradientSmoothing"/>).
/// With no-flux boundaries all around, Pf is defined up to a constant; P̃f = Pf − mean(Pf) fixes
/// it, which makes ∂J/∂Pf mean-free and so the adjoint system solvable.
/// <para>
/// The parameter vector holds log K of the cells this process owns (<see cref="GlobalGrid.OwnedValues{T}"/>);
/// sums over cells and observations are the grid's exact sums, so J and its gradient are the same
/// bits on any number of processes.
/// </para>
/// <para>
/// With <c>warmStart</c>, each forward solve after the first starts from the last solution (Pf, qx,
/// qy) instead of from rest, and each adjoint solve from the last Ψ: an inversion's consecutive K,
/// and the misfits that drive the adjoint, differ little, so fewer PT iterations are needed along
/// the same L-BFGS path. Its evaluations then depend on the ones before; the saved
/// <see cref="InversionState"/> carries both solutions (<see cref="IStatefulObjective"/>), so a
/// resumed run continues bit for bit.
/// </para>
/// </summary>
public sealed class GeothermalObjective : IStatefulObjective, IDisposable
{
    private readonly Case _case;
    private readonly GlobalGrid _grid;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly Field<double> _dJdPf, _gradient, _logK;
    private readonly (int Index, int Local)[] _owned, _local;   // observations in the owned cells, and in the whole block
    private readonly double[] _data;

    private readonly bool _warmStart;
    private bool _solved, _adjointSolved;

    public GeothermalObjective(Case c, (int I, int J)[] observed, double[] data, PseudoTransientOptions forward, PseudoTransientOptions adjoint, bool warmStart = false)
    {
        if (observed.Length != data.Length)
            throw new ArgumentException($"{observed.Length} observation cells but {data.Length} data values: give one value per cell.");
        _case = c;
        _grid = c.Grid;
        _warmStart = warmStart;
        _data = data;
        Forward = forward;
        Adjoint = adjoint;
        _problem = c.Problem();
        _adjoint = new AdjointSolver<double>(_problem);
        _dJdPf = c.Backend.Allocate<double>(c.Nx, c.Ny);
        _gradient = c.Backend.Allocate<double>(c.Nx, c.Ny);
        _logK = c.Backend.Allocate<double>(c.Nx, c.Ny);
        var (x0, x1) = _grid.OwnedRange(0, c.Nx);
        var (y0, y1) = _grid.OwnedRange(1, c.Ny);
        var local = new List<(int, int)>();
        var owned = new List<(int, int)>();
        for (int j = 0; j < c.Ny; j++)
            for (int i = 0; i < c.Nx; i++)
                for (int k = 0; k < observed.Length; k++)
                    if (observed[k] == (_grid.GlobalIndex(0, i, c.Nx), _grid.GlobalIndex(1, j, c.Ny)))
                    {
                        local.Add((k, i + c.Nx * j));
                        if (i >= x0 && i < x1 && j >= y0 && j < y1) owned.Add((k, i + c.Nx * j));
                    }
        _local = local.ToArray();
        _owned = owned.ToArray();
    }

    public PseudoTransientOptions Forward { get; }
    public PseudoTransientOptions Adjoint { get; }

    /// <summary>Parameters this process holds: its owned cells.</summary>
    public int Parameters => _grid.OwnedValues(_logK).Length;

    /// <summary>The last forward and adjoint solves, for the summary.</summary>
    public SolveResult? LastForward { get; private set; }
    public SolveResult? LastAdjoint { get; private set; }
    public int Evaluations { get; private set; }

    /// <summary>PT iterations of all forward and adjoint solves so far.</summary>
    public long ForwardIterations { get; private set; }
    public long AdjointIterations { get; private set; }

    /// <summary>Forward and adjoint solves that reached their iteration cap before their target.</summary>
    public int Unconverged { get; private set; }

    public double Cost(double[] logK)
    {
        Solve(logK);
        var r = Residuals(Pressure(), _owned);
        return 0.5 * _grid.Dot(r, r);
    }

    /// <summary>The mean of Pf over the global grid (an exact sum: the same on any number of processes).</summary>
    public double MeanPressure() => _grid.Sum(_case.Pf) / ((double)_case.NxGlobal * _case.NyGlobal);

    /// <summary>This block's pressure with the global mean removed (the gauge of the no-flux problem).</summary>
    public double[] Pressure()
    {
        var pf = _case.Pf.ToArray();
        double mean = MeanPressure();
        for (int i = 0; i < pf.Length; i++) pf[i] -= mean;
        return pf;
    }

    /// <summary>The pressure at every observation cell, on every process (each owned by one).</summary>
    public double[] ObservedPressure()
    {
        var pf = Pressure();
        var values = new double[_data.Length];
        for (int k = 0; k < values.Length; k++)
        {
            int at = Array.FindIndex(_owned, o => o.Index == k);
            values[k] = _grid.Sum(at >= 0 ? [pf[_owned[at].Local]] : []);
        }
        return values;
    }

    public double CostAndGradient(double[] logK, double[] gradient)
    {
        double cost = Cost(logK);
        var pf = Pressure();
        // ∂J/∂Pf: the residual at each observed cell of the block (halo cells too), made mean-free over the global grid.
        double mean = _grid.Sum(Residuals(pf, _owned)) / ((double)_case.NxGlobal * _case.NyGlobal);
        var dJdPf = new double[pf.Length];
        Array.Fill(dJdPf, -mean);
        foreach (var (k, at) in _local) dJdPf[at] += pf[at] - _data[k];
        _dJdPf.CopyFromHost(dJdPf);

        LastAdjoint = _adjoint.Solve([null, null, _dJdPf], AdjointSteps(), Adjoint, warmStart: _warmStart && _adjointSolved);
        _adjointSolved = true;
        AdjointIterations += LastAdjoint.Iterations;
        if (!LastAdjoint.Converged)
        {
            Unconverged++;
            if (_grid.IsRoot) Console.WriteLine($"  warning: adjoint solve not converged ({LastAdjoint})");
        }
        _adjoint.Gradient([_gradient]);
        var dJdK = _grid.OwnedValues(_gradient);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = dJdK[i] * Math.Exp(logK[i]);
        return cost;
    }

    /// <summary>
    /// Solves the forward problem for K = exp(log K) (the owned cells; the halo comes from their
    /// owners): from rest, or with a warm start from the last solution (the first solve starts from rest).
    /// </summary>
    public void Solve(double[] logK)
    {
        Evaluations++;
        _grid.SetOwnedValues(_logK, logK);
        _case.SetPermeability(_logK.ToArray().Select(Math.Exp).ToArray());
        if (!(_warmStart && _solved))
            foreach (var (_, field) in State) field.Fill(0);
        LastForward = PseudoTransientSolver.Solve(_problem, Forward);
        ForwardIterations += LastForward.Iterations;
        _solved = true;
        if (!LastForward.Converged)
        {
            Unconverged++;
            if (_grid.IsRoot) Console.WriteLine($"  warning: forward solve not converged ({LastForward})");
        }
    }

    private double[] Residuals(double[] pf, (int Index, int Local)[] observations)
        => observations.Select(o => pf[o.Local] - _data[o.Index]).ToArray();

    /// <summary>The forward solution a warm start begins from, by the names the saved state gives it (this block's values).</summary>
    private (string Name, Field<double> Field)[] State => [("Pf", _case.Pf), ("qx", _case.Qx), ("qy", _case.Qy)];

    /// <summary>The adjoint solution a warm start begins from, Ψ of qx, qy and Pf.</summary>
    private (string Name, Field<double> Field)[] AdjointState => [("Psi_qx", _adjoint.Psi[0]), ("Psi_qy", _adjoint.Psi[1]), ("Psi_Pf", _adjoint.Psi[2])];

    public IReadOnlyDictionary<string, double[]> SaveState()
    {
        var saved = new Dictionary<string, double[]>();
        if (!_warmStart) return saved;
        if (_solved) foreach (var (name, field) in State) saved[name] = field.ToArray();
        if (_adjointSolved) foreach (var (name, field) in AdjointState) saved[name] = field.ToArray();
        return saved;
    }

    public void RestoreState(IReadOnlyDictionary<string, double[]> state)
    {
        if (!_warmStart) return;
        Restore(state, State);
        _solved = true;
        Restore(state, AdjointState);
        _adjointSolved = true;
    }

    private static void Restore(IReadOnlyDictionary<string, double[]> state, (string Name, Field<double> Field)[] fields)
    {
        foreach (var (name, field) in fields)
        {
            if (!state.TryGetValue(name, out var values) || values.Length != field.Length)
                throw new InvalidDataException($"The saved inversion state has no '{name}' of {field.Length} values for this block: it was written for another case, grid or number of processes, or by an earlier version; start without --resume.");
            field.CopyFromHost(values);
        }
    }

    /// <summary>
    /// The adjoint solves take the forward's pseudo-time steps (the same Re): with the published 2 Re
    /// they converge at half the rate or less.
    /// </summary>
    private PseudoStep<double>[] AdjointSteps() => _problem.States.Select(s => s.Step).ToArray();

    public void Dispose()
    {
        _adjoint.Dispose();
        _dJdPf.Dispose();
        _gradient.Dispose();
        _logK.Dispose();
    }
}
