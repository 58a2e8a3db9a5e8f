using System.Linq;
using Microsoft.CodeAnalysis;
using Stencil.Generators.Model;

namespace Stencil.Generators.Diagnostics;

/// <summary>
/// A diagnostic to report, carried beside the model through the pipeline. It keeps the real
/// source location (its syntax tree included), so that <c>#pragma warning disable</c> and
/// <c>[SuppressMessage]</c> apply to it; locations compare by tree and span, so an edit elsewhere
/// leaves it cached. The kernel model itself holds no location, so its caching does not depend on it.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
        => new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments.Cast<object>().ToArray());
}
