using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>
/// docs/operators.md lists every operator of the generator's table with its value and extent: the
/// tables between the page's markers are rendered here from <see cref="OperatorTable"/>, so a new or
/// changed operator fails this test until the page shows it.
/// </summary>
public sealed class OperatorPageTests
{
    private const string Begin = "<!-- operator tables: generated from the generator's operator table; OperatorPageTests keeps them current -->";
    private const string End = "<!-- end of the operator tables -->";

    [Fact]
    public void The_operator_page_shows_the_generator_table()
    {
        string path = Path.Combine(DiagnosticTests.RepositoryRoot(), "docs", "operators.md");
        string page = File.ReadAllText(path);
        int begin = page.IndexOf(Begin, StringComparison.Ordinal), end = page.IndexOf(End, StringComparison.Ordinal);
        begin.ShouldBeGreaterThanOrEqualTo(0, $"{path} lacks the line {Begin}");
        end.ShouldBeGreaterThan(begin, $"{path} lacks the line {End} after the tables");
        string current = page[(begin + Begin.Length)..end].Trim();
        string expected = Tables();
        if (current != expected)
        {
            string received = Path.Combine(Path.GetTempPath(), "operators.received.md");
            File.WriteAllText(received, expected + "\n");
            current.ShouldBe(expected, $"docs/operators.md is out of date: replace the text between its markers with {received}.");
        }
    }

    [Fact]
    public void Rendering_gives_ParallelStencils_formulas()
    {
        // Spot checks of the renderer against ParallelStencil's definitions, written out by hand.
        Row(OperatorTable.Find("DXa", 2)!).ShouldBe("| `DXa(A)` | `A[ix+1, iy] - A[ix, iy]` | nx-1, ny |");
        Row(OperatorTable.Find("D2Yi", 3)!).ShouldBe("| `D2Yi(A)` | `A[ix+1, iy+2, iz+1] - 2 A[ix+1, iy+1, iz+1] + A[ix+1, iy, iz+1]` | nx-2, ny-2, nz-2 |");
        Row(OperatorTable.Find("InnX", 2)!).ShouldBe("| `InnX(A)` | `A[ix+1, iy]` | nx-2, ny |");
        Row(OperatorTable.Find("Av", 1)!).ShouldBe("| `Av(A)` | `(A[ix] + A[ix+1]) / 2` | nx-1 |");
        Row(OperatorTable.Find("Av", 2)!).ShouldBe("| `Av(A)` | `(A[ix, iy] + A[ix+1, iy] + A[ix, iy+1] + A[ix+1, iy+1]) / 4` | nx-1, ny-1 |");
        Row(OperatorTable.Find("HarmXa", 2)!).ShouldBe("| `HarmXa(A)` | `2 / (1/A[ix, iy] + 1/A[ix+1, iy])` | nx-1, ny |");
        Row(OperatorTable.Find("MaxLoc", 2)!).ShouldBe("| `MaxLoc(A)` | `max(A[ix+1, iy+1], A[ix, iy+1], A[ix+2, iy+1], A[ix+1, iy], A[ix+1, iy+2])` | nx-2, ny-2 |");
    }

    /// <summary>One table per dimension, operators in the table's order.</summary>
    private static string Tables() => string.Join("\n\n", new[] { 1, 2, 3 }.Select(rank =>
        $"### FiniteDifferences{rank}D\n\n| Operator | Value at ({string.Join(", ", Index.Take(rank))}) | Extent |\n|---|---|---|\n"
        + string.Join("\n", OperatorTable.All.Where(o => o.Rank == rank).Select(Row))));

    private static readonly string[] Index = ["ix", "iy", "iz"];
    private static readonly string[] Size = ["nx", "ny", "nz"];

    private static string Row(OperatorSpec op)
    {
        int rank = op.Rank;
        // The base offset per axis: 1 on inner ('i') axes and at the centre of a MaxLoc/MinLoc, else 0.
        var start = op.Axes.Select(a => a == 'i' || (a == 'c' && op.Kind is OperatorKind.MaxLoc or OperatorKind.MinLoc) ? 1 : 0).ToArray();
        string At(int[] offsets) => "A[" + string.Join(", ", Enumerable.Range(0, rank).Select(a => offsets[a] == 0 ? Index[a] : $"{Index[a]}+{offsets[a]}")) + "]";
        int[] Shift(int[] offsets, int axis, int by) { var o = (int[])offsets.Clone(); o[axis] += by; return o; }
        var pairs = Enumerable.Range(0, rank).Where(a => op.Axes[a] == 'a').ToArray();
        var corners = pairs.Aggregate(new[] { start }.AsEnumerable(), (points, axis) => points.SelectMany(p => new[] { p, Shift(p, axis, 1) }))
            .OrderBy(p => string.Join(",", p.Reverse())).ToArray();
        int centred = Enumerable.Range(0, rank).FirstOrDefault(a => op.Axes[a] == 'c');
        string value = op.Kind switch
        {
            OperatorKind.Select => At(start),
            OperatorKind.Difference => $"{At(Shift(start, pairs[0], 1))} - {At(start)}",
            OperatorKind.SecondDifference => $"{At(Shift(start, centred, 2))} - 2 {At(Shift(start, centred, 1))} + {At(start)}",
            OperatorKind.Average => $"({string.Join(" + ", corners.Select(At))}) / {corners.Length}",
            OperatorKind.HarmonicAverage => $"{corners.Length} / ({string.Join(" + ", corners.Select(c => "1/" + At(c)))})",
            _ => $"{(op.Kind == OperatorKind.MaxLoc ? "max" : "min")}({string.Join(", ", new[] { At(start) }.Concat(Enumerable.Range(0, rank).SelectMany(a => new[] { At(Shift(start, a, -1)), At(Shift(start, a, 1)) })))})",
        };
        string extent = string.Join(", ", Enumerable.Range(0, rank).Select(a => op.Axes[a] switch { '-' => Size[a], 'a' => Size[a] + "-1", _ => Size[a] + "-2" }));
        return $"| `{op.Name}(A)` | `{value}` | {extent} |";
    }
}
