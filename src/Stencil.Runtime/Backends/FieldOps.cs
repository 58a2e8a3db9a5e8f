using System.Numerics;

namespace Stencil;

/// <summary>
/// Pointwise operations on whole fields (the level-1 BLAS of the solvers), on the fields' backend.
/// Fields must have the same shape and backend.
/// </summary>
public static class FieldOps
{
    /// <summary>y ← y + a·x.</summary>
    public static void Axpy<T>(Field<T> y, double a, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.Axpy, y, x, x, a);

    /// <summary>y ← y − d∘x (pointwise product with a field d): a pseudo-time step with local steps d.</summary>
    public static void SubtractProduct<T>(Field<T> y, Field<T> d, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.SubtractProduct, y, d, x, 0);

    /// <summary>
    /// y ← y − d∘x where d ≠ 0; elsewhere y is left as it is, even where x is NaN: a pseudo-time step
    /// with local steps d that are zero off the unknowns (a step and a mask in one pass).
    /// </summary>
    internal static void SubtractProductWhereNonZero<T>(Field<T> y, Field<T> d, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.SubtractProductWhereNonZero, y, d, x, 0);

    /// <summary>The same, then x ← 0: the step of an iteration whose residual x nothing else reads, clearing it for the next.</summary>
    internal static void SubtractProductWhereNonZeroAndClear<T>(Field<T> y, Field<T> d, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.SubtractProductWhereNonZeroAndClear, y, d, x, 0);

    /// <summary>y ← x.</summary>
    public static void Copy<T>(Field<T> y, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.Copy, y, x, x, 0);

    /// <summary>y ← a·y.</summary>
    public static void Scale<T>(Field<T> y, double a) where T : unmanaged, INumber<T>
        => Run(Elementwise.Scale, y, y, y, a);

    /// <summary>y ← y where m ≠ 0, else 0 (NaN included).</summary>
    public static void Mask<T>(Field<T> y, Field<T> m) where T : unmanaged, INumber<T>
        => Run(Elementwise.Mask, y, m, m, 0);

    /// <summary>m ← 1 where x is a number, 0 where it is NaN: marks the points a kernel wrote over a NaN fill.</summary>
    public static void Indicator<T>(Field<T> m, Field<T> x) where T : unmanaged, INumber<T>
        => Run(Elementwise.Indicator, m, x, x, 0);

    internal static void CheckSameShape<T>(Field<T> a, Field<T> b, string operation) where T : unmanaged
    {
        if (!ReferenceEquals(a.Backend, b.Backend))
            throw new ArgumentException($"{operation}: the fields live on different backends ('{a.Backend.Name}' and '{b.Backend.Name}').");
        if (a.Rank != b.Rank || a.Nx != b.Nx || a.Ny != b.Ny || a.Nz != b.Nz)
            throw new ArgumentException($"{operation}: the fields have different shapes ({a.ShapeText} and {b.ShapeText}).");
        ObjectDisposedException.ThrowIf(a.IsDisposed, a);
        ObjectDisposedException.ThrowIf(b.IsDisposed, b);
    }

    /// <summary>The operations' names, for errors: <c>op.ToString()</c> allocated 48 B per operation, a few per PT iteration.</summary>
    private static readonly string[] Names = Enum.GetNames<Elementwise>();

    private static void Run<T>(Elementwise op, Field<T> y, Field<T> a, Field<T> b, double scalar) where T : unmanaged, INumber<T>
    {
        CheckSameShape(y, a, Names[(int)op]);
        CheckSameShape(y, b, Names[(int)op]);
        switch (y.Backend)
        {
            case CpuBackend cpu:
                CpuFieldOps<T>.Run(cpu, op, (CpuField<T>)y, (CpuField<T>)a, (CpuField<T>)b, T.CreateTruncating(scalar));
                break;
            case IlgpuBackend gpu:
                IlgpuFieldOps.Run(gpu, op, ((IlgpuField<T>)y).View, ((IlgpuField<T>)a).View, ((IlgpuField<T>)b).View, T.CreateTruncating(scalar));
                break;
            default:
                throw new NotSupportedException($"Backend '{y.Backend.Name}' has no field operations.");
        }
    }
}

internal enum Elementwise
{
    Axpy,
    SubtractProduct,
    SubtractProductWhereNonZero,
    SubtractProductWhereNonZeroAndClear,
    Copy,
    Scale,
    Mask,
    Indicator,
}
