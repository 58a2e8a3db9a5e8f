namespace Stencil;

/// <summary>
/// The pseudo-time step D of a state in <c>u ← u − D R</c>: one number, or a field of local steps
/// (e.g. scaled by a local maximum of the diffusivity).
/// </summary>
public sealed class PseudoStep<T> where T : unmanaged
{
    private PseudoStep(double scalar, Field<T>? field)
    {
        Scalar = scalar;
        Field = field;
    }

    /// <summary>The step when it is one number.</summary>
    public double Scalar { get; }

    /// <summary>The local steps when they form a field, else null.</summary>
    public Field<T>? Field { get; }

    /// <summary>The same step everywhere.</summary>
    public static implicit operator PseudoStep<T>(double step) => new(step, null);

    /// <summary>A local step at every point.</summary>
    public static implicit operator PseudoStep<T>(Field<T> steps) => new(0, steps);

    /// <inheritdoc />
    public override string ToString() => Field is null ? $"{Scalar:G4}" : $"field {Field.ShapeText}";
}
