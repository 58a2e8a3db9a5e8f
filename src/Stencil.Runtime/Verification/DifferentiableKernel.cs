using System.ComponentModel;

namespace Stencil;

/// <summary>
/// A generated kernel with its tangent (forward mode) and adjoint (reverse mode), driven through
/// lists of fields and scalars so that verification helpers work on any kernel. Every [Stencil]
/// method with a reverse mode gets one: <c>Darcy.ResidualFluxesKernel</c>.
/// </summary>
public abstract class DifferentiableKernel<T> where T : unmanaged
{
    /// <summary>Type and method name, e.g. <c>Darcy.ResidualFluxes</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Number of dimensions.</summary>
    public abstract int Rank { get; }

    /// <summary>Field parameters, in order.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>Per field: the kernel writes it.</summary>
    public abstract IReadOnlyList<bool> Written { get; }

    /// <summary>Per field: the kernel's output depends on its values (it has an adjoint to compute).</summary>
    public abstract IReadOnlyList<bool> Inputs { get; }

    /// <summary>Scalar parameters, in order.</summary>
    public abstract IReadOnlyList<string> Scalars { get; }

    /// <summary>Runs the kernel.</summary>
    public void Forward(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars)
    {
        CheckCounts(fields.Count, scalars.Count);
        ForwardCore(backend, fields, scalars);
    }

    /// <summary>
    /// Per field: null unless the kernel can take a state's pseudo-time step right after it writes
    /// this field (one statement writes it); then the fields (indices) that may be that state, the
    /// fields the kernel reads only at the written point, in that statement, and does not write. A
    /// state that is none of the kernel's fields qualifies too.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual IReadOnlyList<IReadOnlyList<int>?> StepStates => Fields.Select(_ => (IReadOnlyList<int>?)null).ToArray();

    /// <summary>The points of field <paramref name="field"/> (one with <see cref="StepStates"/>) that the kernel writes, for these fields.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual Box WrittenBox(int field, IReadOnlyList<Field<T>> fields)
        => throw new NotSupportedException($"{Name} takes no steps inside its kernel.");

    /// <summary>
    /// Runs the kernel, and per written field with a non-null <paramref name="steps"/> entry takes
    /// that state's step right after writing it (the solver checks <see cref="StepStates"/> first).
    /// </summary>
    internal void Forward(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars, IReadOnlyList<FusedStep?> steps)
    {
        CheckCounts(fields.Count, scalars.Count);
        ForwardCore(backend, fields, scalars, steps);
    }

    /// <summary>Writes the directional derivative of every written field into its tangent, given the tangents of the inputs.</summary>
    public void Tangent(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>> tangents, IReadOnlyList<double> scalars)
    {
        CheckCounts(fields.Count, scalars.Count);
        CheckCounts(tangents.Count, scalars.Count);
        TangentCore(backend, fields, tangents, scalars);
    }

    /// <summary>Adds (∂out/∂in)^T times the written fields' adjoints (seeds) to the inputs' adjoints; null adjoints are inactive.</summary>
    public void Adjoint(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>?> adjoints, IReadOnlyList<double> scalars)
    {
        CheckCounts(fields.Count, scalars.Count);
        CheckCounts(adjoints.Count, scalars.Count);
        AdjointCore(backend, fields, adjoints, scalars);
    }

    /// <summary>
    /// True when the generated adjoint can take a pseudo-time step right after each gather (the
    /// adjoint solver's step of the state whose adjoint the gather adds to).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual bool GathersTakeSteps => false;

    /// <summary>
    /// The adjoint, taking per input field with a non-null <paramref name="steps"/> entry that
    /// step right after gathering its adjoint (the adjoint solver checks that nothing can tell).
    /// </summary>
    internal void Adjoint(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>?> adjoints, IReadOnlyList<double> scalars, IReadOnlyList<FusedStep?> steps)
    {
        CheckCounts(fields.Count, scalars.Count);
        CheckCounts(adjoints.Count, scalars.Count);
        AdjointCore(backend, fields, adjoints, scalars, steps);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Calls the generated launcher.</summary>
    protected abstract void ForwardCore(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars);

    /// <summary>Calls the generated launcher with steps (a <see cref="FusedStep{T}"/> or null per field).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void ForwardCore(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars, IReadOnlyList<FusedStep?> steps)
        => throw new NotSupportedException($"{Name} takes no steps inside its kernel.");

    /// <summary>Calls the generated tangent launcher.</summary>
    protected abstract void TangentCore(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>> tangents, IReadOnlyList<double> scalars);

    /// <summary>Calls the generated adjoint launcher.</summary>
    protected abstract void AdjointCore(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>?> adjoints, IReadOnlyList<double> scalars);

    /// <summary>Calls the generated adjoint launcher with steps (a <see cref="FusedStep{T}"/> or null per field).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void AdjointCore(Backend backend, IReadOnlyList<Field<T>> fields, IReadOnlyList<Field<T>?> adjoints, IReadOnlyList<double> scalars, IReadOnlyList<FusedStep?> steps)
        => throw new NotSupportedException($"{Name} takes no steps inside its gathers.");

    private void CheckCounts(int fields, int scalars)
    {
        if (fields != Fields.Count || scalars != Scalars.Count)
            throw new ArgumentException($"{Name} takes {Fields.Count} fields ({string.Join(", ", Fields)}) and {Scalars.Count} scalars ({string.Join(", ", Scalars)}); got {fields} and {scalars}.");
    }
}
