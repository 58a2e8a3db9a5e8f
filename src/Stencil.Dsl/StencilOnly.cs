namespace Stencil;

/// <summary>The error thrown when a DSL-only member runs outside generated code.</summary>
internal static class StencilOnly
{
    public static InvalidOperationException Error(string member) => new(
        $"'{member}' only has a meaning inside a [Stencil] method, which the Stencil source generator " +
        "compiles into kernels. Call the generated launcher (the same method name with a Backend as first argument) instead of running the body.");
}
