using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>
/// Rejects kernels whose result would depend on thread order: every point runs in parallel, so a
/// field written by the kernel may only be touched at the offset where it is written. The one
/// exception is the boundary-condition pattern: statements pinned to a plane (<c>if (Ix == 0)</c>)
/// may read the written field off that plane, e.g. <c>A[Ix, Iy] = A[Ix + 1, Iy]</c>.
/// </summary>
internal static class HazardCheck
{
    public static void Run(List<ParsedAssignment> assignments, IReadOnlyDictionary<string, LocalBinding> locals,
        Dictionary<Access, Location> readLocations, Dictionary<Access, Location> writeLocations, List<DiagnosticInfo> diagnostics)
    {
        var firstWrite = new Dictionary<string, (Access Access, int Statement)>();
        for (int s = 0; s < assignments.Count; s++)
        {
            var target = assignments[s].Assignment.Target;
            if (firstWrite.TryGetValue(target.Field, out var earlier))
            {
                if (earlier.Access.Offset != target.Offset)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WriteAtTwoOffsets, LocationOf(target, writeLocations, assignments[s].Location),
                        target.Field, target.Offset.ToString(), earlier.Access.Offset.ToString()));
            }
            else
            {
                firstWrite[target.Field] = (target, s);
            }
        }

        var reported = new HashSet<Location>();
        for (int t = 0; t < assignments.Count; t++)
        {
            var assignment = assignments[t].Assignment;
            foreach (var read in ExprQueries.Accesses(assignment, locals).Skip(1))
            {
                var location = LocationOf(read, readLocations, assignments[t].Location);
                if (!firstWrite.ContainsKey(read.Field) || reported.Contains(location)) continue;
                for (int s = 0; s < assignments.Count; s++)
                {
                    var write = assignments[s].Assignment.Target;
                    if (write.Field != read.Field || write.Offset == read.Offset) continue;
                    if (SeparatedByPins(assignments[s].Assignment, write, assignment, read)) continue;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReadOfWrittenFieldAtOtherOffset, location,
                        read.Field, read.Offset.ToString(), write.Offset.ToString()));
                    reported.Add(location);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// True when both statements are pinned to a plane on some axis and the two accesses cannot
    /// meet there: the same plane with different offsets along the axis, or two different planes
    /// (e.g. <c>Ix == 0</c> and <c>Ix == A.Nx - 1</c>, distinct on any grid of more than two points).
    /// </summary>
    private static bool SeparatedByPins(Assignment writer, Access write, Assignment reader, Access read)
    {
        foreach (var pin in writer.Bounds.Where(b => b.Relation == "=="))
        {
            foreach (var other in reader.Bounds.Where(b => b.Relation == "==" && b.Axis == pin.Axis))
            {
                if (!Equals(pin.Bound, other.Bound)) return true;
                if (write.Offset[pin.Axis] != read.Offset[pin.Axis]) return true;
            }
        }
        return false;
    }

    private static Location LocationOf(Access access, Dictionary<Access, Location> locations, Location fallback)
        => locations.TryGetValue(access, out var location) ? location : fallback;
}
