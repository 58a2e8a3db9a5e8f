using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>
/// Finds chains: a statement reading, where it is written, a field an earlier statement of the
/// kernel wrote. The forward kernel is fine, but its reverse mode is not generated (a warning
/// says so and how to restructure).
/// </summary>
internal static class ChainCheck
{
    public static bool Run(List<ParsedAssignment> assignments, IReadOnlyDictionary<string, LocalBinding> locals,
        Dictionary<Access, Location> locations, string kernel, List<DiagnosticInfo> diagnostics)
    {
        for (int t = 0; t < assignments.Count; t++)
        {
            var statement = assignments[t].Assignment;
            foreach (var read in ExprQueries.Accesses(statement, locals).Skip(1))
            {
                for (int s = 0; s < t; s++)
                {
                    var write = assignments[s].Assignment.Target;
                    if (write.Field != read.Field || write.Offset != read.Offset) continue;
                    var location = locations.TryGetValue(read, out var l) ? l : assignments[t].Location;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotDifferentiable, location, kernel, read.Field));
                    return false;
                }
            }
        }
        return true;
    }
}
