using System.Reflection;
using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>The DSL's operator methods and the generator's operator table name exactly the same operators.</summary>
public sealed class OperatorTableTests
{
    [Fact]
    public void Dsl_declares_exactly_the_operators_of_the_table()
    {
        var declared = new[] { typeof(FiniteDifferences1D), typeof(FiniteDifferences2D), typeof(FiniteDifferences3D) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(m => (m.Name, Rank: t.Name[^2] - '0', Writable: m.ReturnType.IsByRef)))
            .OrderBy(o => o.Rank).ThenBy(o => o.Name)
            .ToList();
        var table = OperatorTable.All
            .Select(o => (o.Name, o.Rank, Writable: o.IsSelection))
            .OrderBy(o => o.Rank).ThenBy(o => o.Name)
            .ToList();

        declared.ShouldBe(table);
        table.Count.ShouldBe(8 + 24 + 45);
    }

    [Fact]
    public void Table_footprints_follow_ParallelStencil_extents()
    {
        // An operator's result is one shorter along 'a' axes and two shorter along 'i' and 'c' axes.
        var dxi = OperatorTable.Find("DXi", 3)!;
        (dxi.Reach(0), dxi.Reach(1), dxi.Reach(2)).ShouldBe((1, 2, 2));
        var all = OperatorTable.Find("All", 2)!;
        (all.Reach(0), all.Reach(1)).ShouldBe((0, 0));
        var maxloc = OperatorTable.Find("MaxLoc", 1)!;
        maxloc.Reach(0).ShouldBe(2);
    }
}
