namespace Stencil;

/// <summary>
/// Reductions of fields on their backend, accumulated in double and combined in a fixed order, so
/// the result does not depend on the number of threads. No allocation after the first call.
/// </summary>
public static class Reduce
{
    /// <summary>max |x| over all points; NaN if any point is NaN.</summary>
    public static double MaxAbs<T>(Field<T> x) where T : unmanaged => Run(ReductionKind.MaxAbs, x, x);

    /// <summary>Σ x over all points.</summary>
    public static double Sum<T>(Field<T> x) where T : unmanaged => Run(ReductionKind.Sum, x, x);

    /// <summary>Σ x·y over all points.</summary>
    public static double Dot<T>(Field<T> x, Field<T> y) where T : unmanaged
    {
        FieldOps.CheckSameShape(x, y, nameof(Dot));
        return Run(ReductionKind.Dot, x, y);
    }

    /// <summary>sqrt(Σ x²).</summary>
    public static double Norm2<T>(Field<T> x) where T : unmanaged => Math.Sqrt(Run(ReductionKind.Dot, x, x));

    private static double Run<T>(ReductionKind kind, Field<T> x, Field<T> y) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(x.IsDisposed, x);
        return x.Backend switch
        {
            CpuBackend cpu => CpuReductions<T>.Run(cpu, kind, (CpuField<T>)x, (CpuField<T>)y),
            IlgpuBackend gpu => IlgpuReductions.Run(gpu, kind, (IlgpuField<T>)x, (IlgpuField<T>)y),
            _ => throw new NotSupportedException($"Backend '{x.Backend.Name}' has no reductions."),
        };
    }
}

internal enum ReductionKind
{
    MaxAbs,
    Sum,
    Dot,
}
