namespace Stencil;

/// <summary>The error thrown when a DSL-only member runs outside generated code.</summary>
internal static class StencilOnly
{
    public static InvalidOperationException Error(string member) => new(
        $"'{member}' only has a meaning inside a [Stencil] method, which the Stencil source generator " +
        "compiles into kernels. Call the generated launcher (the same method name with a Backend as first argument) instead of running the body.");

    /// <summary>The error of an element access outside a kernel: says how to read and write values on the host.</summary>
    public static InvalidOperationException ElementError() => new(
        "A field element (A[ix, iy]) only has a meaning inside a [Stencil] method, where the generator turns it into a kernel's " +
        "memory access. On the host, read a field's values with field.ToArray() or field.CopyToHost(span) (x fastest: index ix + nx * (iy + ny * iz)), " +
        "and write them with field.CopyFromHost(values).");
}
