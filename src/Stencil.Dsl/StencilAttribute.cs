namespace Stencil;

/// <summary>
/// Marks a <c>static void</c> method of a <c>static partial</c> class as a stencil kernel. The source
/// generator reads its body (operator form with <see cref="FiniteDifferences2D"/> and friends, or
/// index form with <see cref="Indices"/>) and emits a launcher with the same name that takes a
/// <see cref="Backend"/> first and runs the kernel on it. The method body itself is never executed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StencilAttribute : Attribute
{
}
