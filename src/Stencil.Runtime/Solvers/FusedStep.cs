using System.Numerics;

namespace Stencil;

/// <summary>
/// A state's pseudo-time step <c>u ← u − D R</c> taken inside the kernel that writes R: on the CPU
/// after each row the kernel writes (the row still in cache), on a GPU by the thread that wrote the
/// point, instead of in a pass of its own after the kernel. It does the operations of
/// <see cref="FieldOps.Axpy{T}"/> (scalar D) or <see cref="FieldOps.SubtractProduct{T}"/> (local
/// steps) on the same values, so the states come out the same bits. The pseudo-transient solver
/// builds them where that holds (<see cref="PseudoTransientSolver"/>); generated launchers take them.
/// </summary>
public sealed unsafe class FusedStep<T> : FusedStep where T : unmanaged, INumber<T>
{
    private readonly T* _state, _steps, _residual;
    private readonly T _scalar;

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

    /// <summary>The step for an ILGPU kernel's arguments (on ILGPU backends).</summary>
    public StepView<T> View { get; }

    /// <summary>Steps the points [<paramref name="start"/>, <paramref name="end"/>) of the fields' memory (CPU backend): a row the kernel has just written.</summary>
    public void Apply(long start, long end)
    {
        if (_steps is null) CpuFieldOps<T>.Axpy(_state, _scalar, _residual, start, end);
        else CpuFieldOps<T>.SubtractProduct(_state, _steps, _residual, start, end);
    }

    /// <summary>The view of <paramref name="step"/>, or none (<see cref="StepView{T}.Kind"/> 0).</summary>
    public static StepView<T> ViewOf(FusedStep<T>? step) => step?.View ?? default;
}

/// <summary>A step taken inside a kernel, of any element type (<see cref="FusedStep{T}"/>).</summary>
public abstract class FusedStep
{
    private protected FusedStep()
    {
    }
}

/// <summary>
/// A fused step in an ILGPU kernel's arguments. The kernel, after it writes R at a point, does
/// <c>State[p] += Scalar * R[p]</c> (kind 1) or <c>State[p] -= Steps[p] * R[p]</c> (kind 2), as
/// the field operations' kernels do; kind 0: no step.
/// </summary>
public struct StepView<T> where T : unmanaged
{
    /// <summary>Kind of a step with one number.</summary>
    public const int ScalarStep = 1;

    /// <summary>Kind of a step with local steps.</summary>
    public const int LocalSteps = 2;

    /// <summary>The state u.</summary>
    public ILGPU.ArrayView<T> State;

    /// <summary>The local steps D (kind 2).</summary>
    public ILGPU.ArrayView<T> Steps;

    /// <summary>−D (kind 1).</summary>
    public T Scalar;

    /// <summary>0 (no step), <see cref="ScalarStep"/> or <see cref="LocalSteps"/>.</summary>
    public int Kind;
}
