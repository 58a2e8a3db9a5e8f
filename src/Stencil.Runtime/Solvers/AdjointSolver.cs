using System.Numerics;

namespace Stencil;

/// <summary>
/// The adjoint of a steady problem, derived from its residual kernels' reverse modes
/// (the adjoint method of inverse modelling): solves (∂R/∂u)^T Ψ = ∂J/∂u by the pseudo-transient iteration
/// Ψ_i ← Ψ_i − D_i [((∂R/∂u)^T Ψ)_i − (∂J/∂u)_i], then gives dJ/dp = ∂J/∂p − (∂R/∂p)^T Ψ.
/// Ψ_i has the shape of state i and lives on its unknowns (the points where R_i is written).
/// On a global grid, each Ψ_i's halo is updated right after its step, before the gathers that read
/// it. The user writes no adjoint loop.
/// </summary>
public sealed class AdjointSolver<T> : IDisposable where T : unmanaged, INumber<T>
{
    private readonly SteadyProblem<T> _problem;
    private readonly Field<T>[] _stateBars;
    private readonly Field<T>[] _unknowns;
    private readonly Field<T>[] _maskedSteps;

    /// <summary>Prepares Ψ and work fields (one per state) for <paramref name="problem"/>.</summary>
    public AdjointSolver(SteadyProblem<T> problem)
    {
        _problem = problem;
        Psi = problem.States.Select(s => problem.Backend.AllocateLike(s.State)).ToArray();
        _stateBars = problem.States.Select(s => problem.Backend.AllocateLike(s.State)).ToArray();
        _maskedSteps = problem.States.Select(s => problem.Backend.AllocateLike(s.State)).ToArray();
        _unknowns = FindUnknowns(problem);
    }

    /// <summary>The adjoint fields Ψ_i, in the order of the states.</summary>
    public IReadOnlyList<Field<T>> Psi { get; }

    /// <summary>
    /// Solves for Ψ given ∂J/∂u (one field per state, in order; null where J does not depend on that
    /// state), with the adjoint pseudo-steps (often the forward ones). Ψ starts from
    /// zero, so every solve is reproducible; <paramref name="warmStart"/> starts from the last Ψ instead
    /// (or from the values written into <see cref="Psi"/>). <see cref="PseudoTransientOptions.RelativeTolerance"/>
    /// is relative to max |∂J/∂u|.
    /// </summary>
    public SolveResult Solve(IReadOnlyList<Field<T>?> dJdu, IReadOnlyList<PseudoStep<T>> steps, PseudoTransientOptions options,
        IProgress<ResidualCheck>? progress = null, bool warmStart = false)
    {
        options.Validate();
        if (!warmStart)
            foreach (var psi in Psi) psi.Fill(T.Zero);
        int n = _problem.States.Count;
        if (dJdu.Count != n || steps.Count != n)
            throw new ArgumentException($"The problem has {n} states ({string.Join(", ", _problem.States.Select(s => s.Name))}); pass one ∂J/∂u and one step per state.");
        var monitored = _problem.Monitored.Select(m => ($"adjoint of {m.Name}", _stateBars[IndexOf(m)])).ToList();
        // Per state: the kernels that read it, with their adjoint arguments (built once, not per iteration).
        var readers = _problem.States.Select((s, i) => _problem.Kernels.Where(k => k.Reads(s.State)).Select(k => (Kernel: k, Adjoints: Adjoints(k, i))).ToArray()).ToArray();
        for (int i = 0; i < n; i++) MaskSteps(_maskedSteps[i], steps[i], _unknowns[i]);
        // Per state: the steps its last reader's gather takes (StepFusion.InGather), or null.
        var fused = Enumerable.Range(0, n).Select(i => options.StepsInKernels && readers[i].Length > 0
            ? StepFusion.InGather(readers[i][^1].Kernel, _problem.States[i], Psi[i], _maskedSteps[i], _stateBars[i], dJdu[i])
            : null).ToArray();
        var cleared = new bool[n];
        var grid = _problem.Grid;
        // The gathers into r_i, the last one taking the step where given.
        void Gathers(int i, IReadOnlyList<FusedStep?>? step)
        {
            for (int r = 0; r < readers[i].Length; r++)
            {
                var (kernel, adjoints) = readers[i][r];
                if (step is not null && r == readers[i].Length - 1) kernel.Kernel.Adjoint(_problem.Backend, kernel.Fields, adjoints, kernel.Scalars, step);
                else kernel.Kernel.Adjoint(_problem.Backend, kernel.Fields, adjoints, kernel.Scalars);
            }
        }
        // Per state: its gathers with the step inside (built once; on a global grid they may hide Ψ_i's halo exchange).
        var stepped = Enumerable.Range(0, n).Select(i => fused[i] is { } step ? () => Gathers(i, step) : (Action?)null).ToArray();
        // The right-hand side's size, which RelativeTolerance refers to (the same on every process).
        double scale = dJdu.Max(g => g is null ? 0 : grid.MaxAbs(g));
        var result = PseudoTransientSolver.Iterate(monitored, grid, options, progress, check =>
        {
            // The transpose of the forward sweep: states in reverse order, each from the current Ψ:
            // r_i = ((∂R/∂u)^T Ψ)_i − (∂J/∂u)_i on the unknowns, then Ψ_i ← Ψ_i − D_i r_i. The step
            // uses D_i zeroed off the unknowns (the mask and the step in one pass). Where no check
            // reads r_i, the step also clears it for the next iteration's gathers; where one does,
            // r_i is masked for it and cleared at the next iteration. Between checks, where
            // StepFusion allows, the last gather into r_i takes the step itself.
            for (int i = n - 1; i >= 0; i--)
            {
                var bar = _stateBars[i];
                if (!cleared[i]) FieldOps.Scale(bar, 0);
                // Between checks, where planned, the last gather takes the step (with −g) row by row.
                if (!check && stepped[i] is { } sweep)
                {
                    if (options.HideCommunication is { } widths) grid.HideCommunication(widths, sweep, Psi[i]);
                    else
                    {
                        sweep();
                        grid.UpdateHalo(Psi[i]);
                    }
                    cleared[i] = true;
                    continue;
                }
                Gathers(i, null);
                if (dJdu[i] is { } g) FieldOps.Axpy(bar, -1, g);
                if (check)
                {
                    FieldOps.SubtractProductWhereNonZero(Psi[i], _maskedSteps[i], bar);
                    FieldOps.Mask(bar, _unknowns[i]);
                }
                else
                {
                    FieldOps.SubtractProductWhereNonZeroAndClear(Psi[i], _maskedSteps[i], bar);
                }
                grid.UpdateHalo(Psi[i]);
                cleared[i] = !check;
            }
        }, scale);
        return result with { StepsInKernels = Enumerable.Range(0, n).Where(i => fused[i] is not null).Select(i => _problem.States[i].Name).ToArray() };
    }

    /// <summary>
    /// Solves for Ψ with ∂J/∂u given by state: each pair names a state by its field, as declared in
    /// the problem, and the states not named have no right-hand side. The steps are the states'
    /// forward steps unless <paramref name="steps"/> gives the adjoint's (one per state, in order).
    /// </summary>
    public SolveResult Solve(IReadOnlyList<(Field<T> State, Field<T> DJdu)> dJdu, PseudoTransientOptions options, IReadOnlyList<PseudoStep<T>>? steps = null, bool warmStart = false)
    {
        var byState = new Field<T>?[_problem.States.Count];
        foreach (var (state, g) in dJdu) byState[_problem.IndexOfState(state)] = g;
        return Solve(byState, steps ?? _problem.States.Select(s => s.Step).ToArray(), options, warmStart: warmStart);
    }

    /// <summary>
    /// Writes dJ/dp = −(∂R/∂p)^T Ψ for the parameters named by their fields, into the field paired
    /// with each: the gradient through the steady state, to which an objective adds its explicit part.
    /// </summary>
    public void Gradient(params IReadOnlyList<(Field<T> Parameter, Field<T> Gradient)> gradients)
    {
        var byParameter = new Field<T>?[_problem.Parameters.Count];
        foreach (var (parameter, g) in gradients) byParameter[_problem.IndexOfParameter(parameter)] = g;
        var work = byParameter.Select((g, i) => g is null ? _problem.Backend.AllocateLike(_problem.Parameters[i]) : null).ToArray();
        try
        {
            Gradient(byParameter.Select((g, i) => g ?? work[i]!).ToArray());
        }
        finally
        {
            foreach (var f in work) f?.Dispose();
        }
    }

    /// <summary>
    /// Writes dJ/dp = ∂J/∂p − (∂R/∂p)^T Ψ into <paramref name="gradients"/> (one per parameter, in
    /// order), given the explicit part ∂J/∂p (null entries mean zero).
    /// </summary>
    public void Gradient(IReadOnlyList<Field<T>> gradients, IReadOnlyList<Field<T>?>? dJdp = null)
    {
        var parameters = _problem.Parameters;
        if (gradients.Count != parameters.Count)
            throw new ArgumentException($"The problem has {parameters.Count} parameters; pass one gradient field each.");
        foreach (var g in gradients) FieldOps.Scale(g, 0);
        foreach (var kernel in _problem.Kernels)
            kernel.Kernel.Adjoint(_problem.Backend, kernel.Fields, Adjoints(kernel, -1, gradients), kernel.Scalars);
        for (int i = 0; i < gradients.Count; i++)
        {
            FieldOps.Scale(gradients[i], -1);
            if (dJdp?[i] is { } explicitPart) FieldOps.Axpy(gradients[i], 1, explicitPart);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var f in Psi.Concat(_stateBars).Concat(_unknowns).Concat(_maskedSteps)) f.Dispose();
    }

    /// <summary>D ← the pseudo-time steps on the unknowns, 0 elsewhere.</summary>
    private static void MaskSteps(Field<T> masked, PseudoStep<T> step, Field<T> unknowns)
    {
        if (step.Field is { } d) FieldOps.Copy(masked, d);
        else masked.Fill(T.CreateTruncating(step.Scalar));
        FieldOps.Mask(masked, unknowns);
    }

    /// <summary>
    /// The unknowns of each state: the points where the kernels write its residual (elsewhere, e.g.
    /// on Dirichlet boundaries, the state never moves and its adjoint equation does not exist).
    /// Found by running the kernels over residuals filled with NaN, after the steps kernels (a
    /// residual may read the local steps, which are unset before the first sweep); the residuals
    /// are left at 0 there.
    /// </summary>
    private Field<T>[] FindUnknowns(SteadyProblem<T> problem)
    {
        foreach (var s in problem.States) s.Residual.Fill(T.CreateTruncating(double.NaN));
        problem.ComputeSteps();
        problem.ComputeResiduals();
        var unknowns = problem.States.Select(s => problem.Backend.AllocateLike(s.State)).ToArray();
        for (int i = 0; i < unknowns.Length; i++)
        {
            FieldOps.Indicator(unknowns[i], problem.States[i].Residual);
            FieldOps.Mask(problem.States[i].Residual, unknowns[i]);
        }
        return unknowns;
    }

    private int IndexOf(SteadyProblem<T>.StateEntry state) => _problem.States.ToList().IndexOf(state);

    /// <summary>
    /// Adjoint arguments of one kernel: Ψ seeds its residual fields; state <paramref name="activeState"/>
    /// (if ≥ 0) or the parameters accumulate into their work fields; everything else is inactive.
    /// </summary>
    private Field<T>?[] Adjoints(BoundKernel<T> kernel, int activeState, IReadOnlyList<Field<T>>? parameterBars = null)
    {
        var adjoints = new Field<T>?[kernel.Fields.Count];
        for (int j = 0; j < adjoints.Length; j++)
        {
            var field = kernel.Fields[j];
            for (int i = 0; i < _problem.States.Count; i++)
            {
                if (ReferenceEquals(field, _problem.States[i].Residual)) adjoints[j] = Psi[i];
                else if (i == activeState && ReferenceEquals(field, _problem.States[i].State)) adjoints[j] = _stateBars[i];
            }
            if (parameterBars is not null)
                for (int p = 0; p < _problem.Parameters.Count; p++)
                    if (ReferenceEquals(field, _problem.Parameters[p])) adjoints[j] = parameterBars[p];
            if (kernel.Kernel.Written[j] && adjoints[j] is null)
                throw new InvalidOperationException($"{kernel.Kernel.Name} writes '{kernel.Kernel.Fields[j]}', which is not a declared residual: declare it with State(...).");
        }
        return adjoints;
    }
}
