namespace Stencil;

/// <summary>A generated kernel bound to the fields and scalars it runs on.</summary>
public sealed record BoundKernel<T>(DifferentiableKernel<T> Kernel, IReadOnlyList<Field<T>> Fields, IReadOnlyList<double> Scalars)
    where T : unmanaged
{
    /// <summary>Runs the kernel.</summary>
    public void Forward(Backend backend) => Kernel.Forward(backend, Fields, Scalars);

    /// <inheritdoc />
    public override string ToString() => Kernel.Name;
}
