namespace Stencil;

/// <summary>A generated kernel bound to the fields and scalars it runs on.</summary>
public sealed record BoundKernel<T>(DifferentiableKernel<T> Kernel, IReadOnlyList<Field<T>> Fields, IReadOnlyList<double> Scalars)
    where T : unmanaged
{
    /// <summary>Runs the kernel.</summary>
    public void Forward(Backend backend) => Kernel.Forward(backend, Fields, Scalars);

    /// <summary>Runs the kernel, taking the states' steps inside it (<see cref="StepFusion"/>).</summary>
    internal void Forward(Backend backend, IReadOnlyList<FusedStep?> steps) => Kernel.Forward(backend, Fields, Scalars, steps);

    /// <summary>True when the kernel writes <paramref name="field"/>.</summary>
    public bool Writes(Field<T> field) => Enumerable.Range(0, Fields.Count).Any(j => Kernel.Written[j] && ReferenceEquals(Fields[j], field));

    /// <summary>True when the kernel's outputs depend on <paramref name="field"/>.</summary>
    public bool Reads(Field<T> field) => Enumerable.Range(0, Fields.Count).Any(j => Kernel.Inputs[j] && ReferenceEquals(Fields[j], field));

    /// <inheritdoc />
    public override string ToString() => Kernel.Name;
}
