namespace Stencil;

/// <summary>
/// A field paired with its adjoint (Enzyme's <c>Duplicated</c>), for reverse-mode launchers:
/// <c>Pf.With(PfBar)</c> makes <c>Pf</c> active, so its adjoint accumulates <c>(∂R/∂Pf)^T R̄</c>;
/// a plain field converts implicitly and is inactive (its adjoint is neither read nor written).
/// For a field the kernel writes, the adjoint is the seed R̄ and is only read, unless the kernel
/// also reads that field (an in-place update), in which case the seed is replaced by the adjoint of
/// the field's old value.
/// </summary>
public readonly struct Duplicated<T> where T : unmanaged
{
    /// <summary>Pairs a field with its adjoint (or none).</summary>
    public Duplicated(Field<T> value, Field<T>? adjoint)
    {
        Value = value;
        Adjoint = adjoint;
    }

    /// <summary>The primal field.</summary>
    public Field<T> Value { get; }

    /// <summary>The adjoint field, or null when the field is inactive.</summary>
    public Field<T>? Adjoint { get; }

    /// <summary>An inactive field.</summary>
    public static implicit operator Duplicated<T>(Field<T> value) => new(value, null);
}
