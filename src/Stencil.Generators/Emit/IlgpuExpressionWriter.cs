using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Field elements in ILGPU kernels: views indexed x fastest, from the thread's index in each row
/// (field, y, z offset) it reads, computed once (<c>long K_y1 = (long)(iy + 1) * K_nx + ix;</c>,
/// then <c>K[K_y1 + 1]</c> and <c>K_bar[K_y1]</c>). ILGPU does not share index arithmetic between
/// accesses itself: written inline, each access multiplied its row index out again. The
/// arithmetic is 64-bit, as in the CPU kernels, so that fields of more than 2^31 elements (a
/// 1300^3 grid of doubles, 17.6 GB, fits on one H200) are addressed correctly.
/// </summary>
internal sealed class IlgpuExpressionWriter : ExpressionWriter
{
    private readonly SortedSet<(string Field, int Y, int Z)> _rows = new(Comparer<(string Field, int Y, int Z)>.Create((a, b) =>
    {
        int byField = string.CompareOrdinal(a.Field, b.Field);
        return byField != 0 ? byField : a.Z != b.Z ? a.Z.CompareTo(b.Z) : a.Y.CompareTo(b.Y);
    }));

    private readonly Dictionary<(string Field, Int3 Offset), string> _loaded = new();

    public IlgpuExpressionWriter(int rank)
        : base(rank)
    {
    }

    protected override string Element(string array, string field, Int3 o)
    {
        if (Rank == 1) return $"{array}[ix{Plus(o.X)}]";
        _rows.Add((field, o.Y, o.Z));
        return $"{array}[{CpuExpressionWriter.RowName(field, o.Y, o.Z, Rank)}{Plus(o.X)}]";
    }

    /// <summary>Writes a kernel body through <paramref name="body"/>, preceded by the row indices it uses.</summary>
    public void EmitWithRowBases(SourceWriter w, System.Action<SourceWriter> body)
    {
        _rows.Clear();
        var inner = w.Nested();
        body(inner);
        foreach (var (field, y, z) in _rows)
        {
            string offset = Rank == 2
                ? $"(long){Shifted("iy", y)} * {field}_nx + ix"
                : $"((long){Shifted("iz", z)} * {field}_ny + iy{Plus(y)}) * {field}_nx + ix";
            w.Line($"long {CpuExpressionWriter.RowName(field, y, z, Rank)} = {offset};");
        }
        w.Append(inner);
    }

    /// <summary>
    /// Loads into locals the field elements that <paramref name="roots"/> read more than once where
    /// they always read them (not in a branch of <c>?:</c> or right of <c>&amp;&amp;</c>, <c>||</c>):
    /// ILGPU loads an element again at every read. Those reads then use the local, until
    /// <see cref="ForgetLoads"/>.
    /// </summary>
    public override void LoadOnce(SourceWriter w, IEnumerable<Expr> roots)
    {
        var reads = roots.SelectMany(ExprQueries.AlwaysEvaluated).OfType<ReadExpr>().Select(r => r.Access).ToList();
        foreach (var element in reads.GroupBy(a => (a.Field, a.Offset)).Where(g => g.Count() > 1))
        {
            var (field, o) = element.Key;
            string name = $"{(Rank == 1 ? field : CpuExpressionWriter.RowName(field, o.Y, o.Z, Rank))}_x{CpuExpressionWriter.Signed(o.X)}";
            w.Line($"var {name} = {Read(element.First())};");
            _loaded[element.Key] = name;
        }
    }

    public override void ForgetLoads() => _loaded.Clear();

    protected override string ReadValue(Access access) => _loaded.TryGetValue((access.Field, access.Offset), out var local) ? local : Read(access);

    protected override string Box(int statement) => $"args.S{statement}";

    protected override string Extent(string field, int axis) => $"{field}_n{"xyz"[axis]}";
}
