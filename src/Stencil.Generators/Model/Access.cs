namespace Stencil.Generators.Model;

/// <summary>
/// One read or write of a field at a constant offset from the iteration point. The window
/// [<see cref="WindowLo"/>, <see cref="WindowHi"/>] is the footprint that must lie inside the field
/// for the access to be valid: an operator's whole stencil (ParallelStencil's <c>@within</c>), or
/// just the point itself for the index form.
/// </summary>
internal sealed record Access(string Field, Int3 Offset, Int3 WindowLo, Int3 WindowHi)
{
    public static Access Point(string field, Int3 offset) => new(field, offset, offset, offset);

    public override string ToString() => $"{Field}{Offset}";
}
