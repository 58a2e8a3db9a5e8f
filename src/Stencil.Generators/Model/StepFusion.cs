using System.Collections.Generic;
using System.Linq;

namespace Stencil.Generators.Model;

/// <summary>
/// Where a kernel can take a pseudo-time step <c>u ← u − D R</c> right after it writes R, instead of
/// the solver taking it in a pass of its own after the kernel: at a field that one statement alone
/// writes, for a state u that the kernel does not write and reads, if at all, only in that statement
/// and only at the written point. The step then changes no value the kernel reads later (the CPU
/// kernel steps a row once the statement has written all of it; a GPU thread steps its own point
/// after its store), so the states come out as with the separate pass.
/// </summary>
internal static class StepFusion
{
    /// <summary>The statements that can take a step: the index of each, by the field it writes.</summary>
    public static IEnumerable<int> Statements(KernelSpec kernel)
        => kernel.Assignments
            .Select((a, s) => (a.Target.Field, Statement: s))
            .GroupBy(t => t.Field)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single().Statement)
            .OrderBy(s => s);

    /// <summary>The field parameters (indices among the kernel's fields) that may be the state of a step taken in statement <paramref name="statement"/>.</summary>
    public static IEnumerable<int> States(KernelSpec kernel, int statement)
    {
        var locals = kernel.Locals.ToDictionary(b => b.Name);
        var written = new HashSet<string>(kernel.Assignments.Select(a => a.Target.Field));
        var target = kernel.Assignments[statement].Target;
        var fields = kernel.Parameters.Where(p => p.Kind == ParameterKind.Field).Select(p => p.Name).ToList();
        for (int f = 0; f < fields.Count; f++)
        {
            if (written.Contains(fields[f])) continue;
            bool readElsewhere = kernel.Assignments.Select((a, s) => (a, s)).Any(t =>
                ExprQueries.Accesses(t.a, locals).Skip(1).Any(r => r.Field == fields[f] && (t.s != statement || r.Offset != target.Offset)));
            if (!readElsewhere) yield return f;
        }
    }
}
