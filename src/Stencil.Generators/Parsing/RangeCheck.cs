using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>
/// Finds index-form statements bounded on one side of an axis whose index leaves the grid on the
/// other: an index-form statement runs wherever every element it touches exists, so in
/// <c>if (Ix &lt;= V.Nx - 3) R[Ix + 1] = -V[Ix + 1]</c>, where every x index is Ix + 1 or more, it
/// also runs at Ix = -1 and writes R[0]. The upper bound shows the author counting from Ix = 0, as
/// ParallelStencil's ix counts from the first point; a statement without bounds on the axis plainly
/// covers every point where its elements exist, and is left alone.
/// </summary>
internal static class RangeCheck
{
    private static readonly string[] Axes = { "x", "y", "z" };

    public static void Run(List<ParsedAssignment> assignments, IReadOnlyDictionary<string, LocalBinding> locals, int rank, string kernel, List<DiagnosticInfo> diagnostics)
    {
        foreach (var parsed in assignments)
        {
            var statement = parsed.Assignment;
            if (statement.SelectionTarget) continue;
            var accesses = ExprQueries.Accesses(statement, locals).ToList();
            for (int axis = 0; axis < rank; axis++)
            {
                int lowest = accesses.Min(a => a.Offset[axis]);
                int highest = accesses.Max(a => a.Offset[axis]);
                var relations = statement.Bounds.Where(b => b.Axis == axis).Select(b => b.Relation).ToList();
                string index = "I" + Axes[axis];
                string target = statement.Target.Field;
                int written = statement.Target.Offset[axis];
                bool lower = relations.Any(r => r is "==" or ">=" or ">"), upper = relations.Any(r => r is "==" or "<=" or "<");
                if (lowest > 0 && upper && !lower)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IndexLeavesGrid, parsed.Location, kernel, Axes[axis],
                        $"{index} + {lowest} or more", $"{index} = {-lowest}", $"{target} at {Axes[axis]} = {written - lowest}", $"if ({index} >= 0)",
                        $"lowering every {Axes[axis]} offset by {lowest}, so that the first point is {index} = 0"));
                    break;
                }
                if (highest < 0 && lower && !upper)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IndexLeavesGrid, parsed.Location, kernel, Axes[axis],
                        $"{index} - {-highest} or less", $"{index} = N{Axes[axis]} - 1 + {-highest}", $"{target} at {Axes[axis]} = N{Axes[axis]} - 1 + {written - highest}",
                        $"if ({index} <= {target}.N{Axes[axis]} - 1)", $"raising every {Axes[axis]} offset by {-highest}, so that the last point is {index} = N{Axes[axis]} - 1"));
                    break;
                }
            }
        }
    }
}
