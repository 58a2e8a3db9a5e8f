namespace Stencil;

/// <summary>
/// A steady-state problem R(u, p) = 0: states u_i, each paired with its residual field R_i and a
/// pseudo-time step, the residual kernels that compute every R_i from the states and the
/// parameters p, and the parameters. Only physics and choices: the solvers derive the forward and
/// adjoint iterations and the gradient from it.
/// </summary>
public sealed class SteadyProblem<T> where T : unmanaged
{
    private readonly List<StateEntry> _states = [];
    private readonly List<BoundKernel<T>> _kernels = [];
    private readonly List<BoundKernel<T>> _stepKernels = [];
    private readonly List<Field<T>> _parameters = [];
    private readonly List<string> _monitored = [];

    /// <summary>
    /// A problem on <paramref name="backend"/>, on one process or, with <paramref name="grid"/>, on
    /// this process's block of a global grid (the fields are then the local blocks).
    /// </summary>
    public SteadyProblem(Backend backend, IGlobalGrid? grid = null)
    {
        Backend = backend;
        Grid = grid ?? SingleProcess.Instance;
    }

    /// <summary>The backend of every field.</summary>
    public Backend Backend { get; }

    /// <summary>The processes the problem is split over: the solvers update halos and reduce through it.</summary>
    public IGlobalGrid Grid { get; }

    /// <summary>The states, with their residuals and steps, in declaration order.</summary>
    public IReadOnlyList<StateEntry> States => _states;

    /// <summary>The residual kernels, in the order they run.</summary>
    public IReadOnlyList<BoundKernel<T>> Kernels => _kernels;

    /// <summary>The kernels that compute local pseudo-time steps before every sweep (<see cref="Steps(BoundKernel{T})"/>).</summary>
    public IReadOnlyList<BoundKernel<T>> StepKernels => _stepKernels;

    /// <summary>The parameters the gradient is taken with respect to.</summary>
    public IReadOnlyList<Field<T>> Parameters => _parameters;

    /// <summary>Declares a state, its residual and its pseudo-time step (<c>u ← u − step · R</c>).</summary>
    public SteadyProblem<T> State(string name, Field<T> state, Field<T> residual, PseudoStep<T> step)
    {
        CheckPair(name, state, residual);
        if (step.Field is { } steps) CheckPair(name + " step", state, steps);
        _states.Add(new StateEntry(name, state, residual, step));
        return this;
    }

    /// <summary>Declares a residual kernel with its fields and scalars (in the kernel's parameter order).</summary>
    public SteadyProblem<T> Residual(DifferentiableKernel<T> kernel, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars)
    {
        _kernels.Add(Bind(kernel, fields, scalars));
        return this;
    }

    /// <summary>
    /// Declares a residual kernel bound by its generated <c>Bind{Kernel}</c> method, whose
    /// arguments the compiler checks: <c>.Residual(Darcy.BindResidualPressure(RPf, qx, qy, Qf, dx, dy))</c>.
    /// </summary>
    public SteadyProblem<T> Residual(BoundKernel<T> kernel) => Residual(kernel.Kernel, kernel.Fields, kernel.Scalars);

    /// <summary>Declares a steps kernel (<see cref="Steps(DifferentiableKernel{T}, IReadOnlyList{Field{T}}, IReadOnlyList{double})"/>) bound by its generated <c>Bind{Kernel}</c> method.</summary>
    public SteadyProblem<T> Steps(BoundKernel<T> kernel) => Steps(kernel.Kernel, kernel.Fields, kernel.Scalars);

    /// <summary>
    /// Declares a kernel that computes local pseudo-time steps from the current states (e.g. from a
    /// nonlinear diffusivity): it runs at the start of every forward sweep and writes only the step
    /// fields of states declared before it. It is not differentiated: the steps change the path to
    /// the steady state, not the state, and an adjoint solve takes its own steps.
    /// </summary>
    public SteadyProblem<T> Steps(DifferentiableKernel<T> kernel, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars)
    {
        var bound = Bind(kernel, fields, scalars);
        for (int j = 0; j < fields.Count; j++)
            if (kernel.Written[j] && !_states.Any(s => ReferenceEquals(s.Step.Field, fields[j])))
                throw new ArgumentException($"{kernel.Name} writes '{kernel.Fields[j]}', which is not the local step field of a declared state: a steps kernel writes only the fields passed as steps to State(...), declared before it.");
        _stepKernels.Add(bound);
        return this;
    }

    /// <summary>Updates the local steps: runs every <see cref="Steps(BoundKernel{T})"/> kernel.</summary>
    public void ComputeSteps()
    {
        foreach (var kernel in _stepKernels) kernel.Forward(Backend);
    }

    /// <summary>The states whose residuals decide convergence (all, unless <see cref="Monitor(Field{T}[])"/> chose some).</summary>
    public IReadOnlyList<StateEntry> Monitored => _monitored.Count == 0 ? _states : _states.Where(s => _monitored.Contains(s.Name)).ToList();

    /// <summary>Checks convergence on these states' residuals only (the published geothermal case watches RPf).</summary>
    public SteadyProblem<T> Monitor(params string[] states)
    {
        foreach (var name in states)
            if (!_states.Any(s => s.Name == name))
                throw new ArgumentException($"No state named '{name}'; the states are {string.Join(", ", _states.Select(s => s.Name))}.");
        _monitored.AddRange(states);
        return this;
    }

    /// <summary>Checks convergence on the residuals of these state fields only.</summary>
    public SteadyProblem<T> Monitor(params Field<T>[] states)
    {
        foreach (var field in states) _monitored.Add(_states[IndexOfState(field)].Name);
        return this;
    }

    /// <summary>The position of a declared state's field among <see cref="States"/>; refused with the states' names if it is not one.</summary>
    internal int IndexOfState(Field<T> field)
    {
        int index = _states.FindIndex(s => ReferenceEquals(s.State, field));
        return index >= 0 ? index : throw new ArgumentException($"The field {field.ShapeText} is not a declared state; the states are {string.Join(", ", _states.Select(s => s.Name))}.");
    }

    /// <summary>The position of a declared parameter field among <see cref="Parameters"/>; refused if it is not one.</summary>
    internal int IndexOfParameter(Field<T> field)
    {
        int index = _parameters.FindIndex(p => ReferenceEquals(p, field));
        return index >= 0 ? index : throw new ArgumentException($"The field {field.ShapeText} is not a declared parameter; the problem has {_parameters.Count}, declared with Parameter(...).");
    }

    /// <summary>Declares a parameter field.</summary>
    public SteadyProblem<T> Parameter(Field<T> parameter)
    {
        _parameters.Add(parameter);
        return this;
    }

    /// <summary>Computes every residual from the current states.</summary>
    public void ComputeResiduals()
    {
        foreach (var kernel in _kernels) kernel.Forward(Backend);
    }

    private BoundKernel<T> Bind(DifferentiableKernel<T> kernel, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars)
    {
        if (fields.Count != kernel.Fields.Count || scalars.Count != kernel.Scalars.Count)
            throw new ArgumentException($"{kernel.Name} takes fields ({string.Join(", ", kernel.Fields)}) and scalars ({string.Join(", ", kernel.Scalars)}); got {fields.Count} fields and {scalars.Count} scalars.");
        for (int i = 0; i < fields.Count; i++)
            if (!ReferenceEquals(fields[i].Backend, Backend))
                throw new ArgumentException($"{kernel.Name}: field '{kernel.Fields[i]}' lives on '{fields[i].Backend.Name}', the problem on '{Backend.Name}'.");
        return new BoundKernel<T>(kernel, fields, scalars);
    }

    private void CheckPair(string name, Field<T> a, Field<T> b)
    {
        if (!ReferenceEquals(a.Backend, Backend) || !ReferenceEquals(b.Backend, Backend))
            throw new ArgumentException($"State '{name}': its fields must live on the problem's backend '{Backend.Name}'.");
        if (a.Rank != b.Rank || a.Nx != b.Nx || a.Ny != b.Ny || a.Nz != b.Nz)
            throw new ArgumentException($"State '{name}' is {a.ShapeText} but its partner field is {b.ShapeText}: a state, its residual and its local steps have one shape.");
    }

    /// <summary>A state with its residual and pseudo-time step.</summary>
    public sealed record StateEntry(string Name, Field<T> State, Field<T> Residual, PseudoStep<T> Step);
}
