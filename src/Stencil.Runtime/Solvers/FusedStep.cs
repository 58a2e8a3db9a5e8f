using System.ComponentModel;
using System.Numerics;

namespace Stencil.CompilerServices;

/// <summary>
/// A state's pseudo-time step <c>u ← u − D R</c> taken inside the kernel that writes R: on the CPU
/// after each row the kernel writes (the row still in cache), on a GPU by the thread that wrote the
/// point, instead of in a pass of its own after the kernel. It does the operations of
/// <see cref="FieldOps.Axpy{T}"/> (scalar D) or <see cref="FieldOps.SubtractProduct{T}"/> (local
/// steps) on the same values, so the states come out the same bits. The pseudo-transient solver
/// builds them where that holds (<see cref="PseudoTransientSolver"/>); generated launchers take them.
/// <para>
/// The adjoint solver's step is one too (<see cref="Adjoint"/>): Ψ ← Ψ − D (Ψ̄ − g) where D ≠ 0, then
/// Ψ̄ ← 0, taken by the last gather that adds to Ψ̄, after each row (CPU) or at its point (GPU).
/// </para>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class FusedStep<T> : FusedStep where T : unmanaged, INumber<T>
{
    private readonly T* _state, _steps, _residual, _source;
    private readonly T _scalar;
    private readonly bool _masked;

    internal FusedStep(Field<T> state, PseudoStep<T> step, Field<T> residual)
    {
        _scalar = T.CreateTruncating(-step.Scalar);   // the factor FieldOps.Axpy gets
        if (state is CpuField<T> u)
        {
            _state = u.Pointer;
            _steps = step.Field is null ? null : ((CpuField<T>)step.Field).Pointer;
            _residual = ((CpuField<T>)residual).Pointer;
        }
        else
        {
            View = new StepView<T>
            {
                State = Launch.View(state),
                Steps = step.Field is null ? default : Launch.View(step.Field),
                Scalar = _scalar,
                Kind = step.Field is null ? StepView<T>.ScalarStep : StepView<T>.LocalSteps,
            };
        }
    }

    /// <summary>
    /// The adjoint solver's step, taken inside the gather that adds the last term to Ψ̄ (the
    /// state's adjoint residual): Ψ ← Ψ − D (Ψ̄ − g) where D ≠ 0, Ψ̄ ← 0 everywhere. It does the
    /// operations of <c>FieldOps.Axpy(Ψ̄, −1, g)</c> (without <paramref name="source"/> g, none) and
    /// of the masked step that clears Ψ̄ (<c>FieldOps.SubtractProductWhereNonZeroAndClear</c>).
    /// </summary>
    internal static FusedStep<T> Adjoint(Field<T> psi, Field<T> maskedSteps, Field<T> residual, Field<T>? source) => new(psi, maskedSteps, residual, source);

    private FusedStep(Field<T> psi, Field<T> maskedSteps, Field<T> residual, Field<T>? source)
    {
        _masked = true;
        _scalar = -T.One;   // the factor of FieldOps.Axpy(Ψ̄, −1, g)
        if (psi is CpuField<T> u)
        {
            _state = u.Pointer;
            _steps = ((CpuField<T>)maskedSteps).Pointer;
            _residual = ((CpuField<T>)residual).Pointer;
            _source = source is null ? null : ((CpuField<T>)source).Pointer;
        }
        else
        {
            View = new StepView<T>
            {
                State = Launch.View(psi),
                Steps = Launch.View(maskedSteps),
                Source = source is null ? default : Launch.View(source),
                Scalar = _scalar,
                Kind = source is null ? StepView<T>.MaskedStep : StepView<T>.MaskedStepWithSource,
            };
        }
    }

    /// <summary>The step for an ILGPU kernel's arguments (on ILGPU backends).</summary>
    public StepView<T> View { get; }

    /// <summary>Steps the points [<paramref name="start"/>, <paramref name="end"/>) of the fields' memory (CPU backend): a row the kernel has just written.</summary>
    public void Apply(long start, long end)
    {
        if (_masked) CpuFieldOps<T>.MaskedStepAndClear(_state, _steps, _residual, _source, _scalar, start, end);
        else if (_steps is null) CpuFieldOps<T>.Axpy(_state, _scalar, _residual, start, end);
        else CpuFieldOps<T>.SubtractProduct(_state, _steps, _residual, start, end);
    }

    /// <summary>The view of <paramref name="step"/>, or none (<see cref="StepView{T}.Kind"/> 0).</summary>
    public static StepView<T> ViewOf(FusedStep<T>? step) => step?.View ?? default;
}

/// <summary>A step taken inside a kernel, of any element type (<see cref="FusedStep{T}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class FusedStep
{
    private protected FusedStep()
    {
    }
}

/// <summary>
/// A fused step in an ILGPU kernel's arguments. The kernel, after it writes R at a point, does
/// <c>State[p] += Scalar * R[p]</c> (kind 1) or <c>State[p] -= Steps[p] * R[p]</c> (kind 2), as
/// the field operations' kernels do; kind 0: no step. An adjoint gather, after it adds to R (Ψ̄),
/// takes <c>v = R[p]</c> (kind 3) or <c>v = R[p] + Scalar * Source[p]</c> (kind 4), then
/// <c>State[p] -= Steps[p] * v</c> where <c>Steps[p] ≠ 0</c>, and <c>R[p] = 0</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct StepView<T> where T : unmanaged
{
    /// <summary>Kind of a step with one number.</summary>
    public const int ScalarStep = 1;

    /// <summary>Kind of a step with local steps.</summary>
    public const int LocalSteps = 2;

    /// <summary>Kind of the adjoint solver's masked step (Ψ ← Ψ − D Ψ̄ where D ≠ 0, Ψ̄ ← 0).</summary>
    public const int MaskedStep = 3;

    /// <summary>Kind of the adjoint solver's masked step of Ψ̄ − g.</summary>
    public const int MaskedStepWithSource = 4;

    /// <summary>The state u (Ψ in the adjoint).</summary>
    public ILGPU.ArrayView<T> State;

    /// <summary>The local steps D (kinds 2-4; zero off the unknowns in kinds 3 and 4).</summary>
    public ILGPU.ArrayView<T> Steps;

    /// <summary>g, the term ∂J/∂u the adjoint residual subtracts (kind 4).</summary>
    public ILGPU.ArrayView<T> Source;

    /// <summary>−D (kind 1); −1, the factor of g (kind 4).</summary>
    public T Scalar;

    /// <summary>0 (no step), <see cref="ScalarStep"/>, <see cref="LocalSteps"/>, <see cref="MaskedStep"/> or <see cref="MaskedStepWithSource"/>.</summary>
    public int Kind;
}
