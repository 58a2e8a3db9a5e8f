using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Field elements in ILGPU kernels: views indexed x fastest, from the thread's own index in each
/// field it touches, computed once (<c>long K_p = ((long)iz * K_ny + iy) * K_nx + ix;</c>, with the
/// plane stride <c>long K_nxy = (long)K_nx * K_ny;</c> where a z offset needs it), so that an
/// access adds its offsets: <c>K[K_p + K_nx + 1]</c>, <c>K_bar[K_p - K_nxy]</c> (an adjoint array
/// has its field's extents). ILGPU shares no index arithmetic between accesses: written inline,
/// each access multiplied its row index out again. One index per field rather than one per row
/// keeps few 64-bit values live, and so fewer registers per thread. The arithmetic is 64-bit, as in the CPU kernels, so that
/// fields of more than 2^31 elements (a 1300^3 grid of doubles, 17.6 GB, fits on one H200) are
/// addressed correctly. Each kernel also comes with 32-bit indices (<see cref="Wide"/> false), for
/// launches whose fields all have at most 2^30 elements (<c>Launch.Index32</c>): GPUs do 32-bit
/// index arithmetic in fewer instructions.
/// </summary>
internal sealed class IlgpuExpressionWriter : ExpressionWriter
{
    /// <summary>The fields the body indexes, and whether it reads one at another z.</summary>
    private readonly SortedDictionary<string, bool> _indexed = new(System.StringComparer.Ordinal);

    private readonly Dictionary<(string Field, Int3 Offset), string> _loaded = new();

    public IlgpuExpressionWriter(int rank, bool wide)
        : base(rank)
    {
        Wide = wide;
    }

    /// <summary>Whether indices are 64-bit (<c>long</c>) rather than 32-bit (<c>int</c>).</summary>
    public bool Wide { get; }

    protected override string Element(string array, string field, Int3 o)
    {
        if (Rank == 1) return $"{array}[ix{Plus(o.X)}]";
        _indexed[field] = (_indexed.TryGetValue(field, out bool z) && z) || o.Z != 0;
        return $"{array}[{field}_p{Stride(o.Y, field + "_nx")}{Stride(o.Z, field + "_nxy")}{Plus(o.X)}]";
    }

    /// <summary>" + K_nx", " - 2 * K_nxy" or "": an offset along y or z, in strides.</summary>
    private static string Stride(int offset, string stride)
        => offset == 0 ? "" : offset == 1 ? $" + {stride}" : offset == -1 ? $" - {stride}" : offset > 0 ? $" + {offset} * {stride}" : $" - {-offset} * {stride}";

    /// <summary>Writes a kernel body through <paramref name="body"/>, preceded by the indices (and plane strides) it uses.</summary>
    public void EmitWithIndices(SourceWriter w, System.Action<SourceWriter> body)
    {
        _indexed.Clear();
        var inner = w.Nested();
        body(inner);
        string type = Wide ? "long" : "int", cast = Wide ? "(long)" : "";
        foreach (var field in _indexed)
        {
            w.Line(Rank == 2
                ? $"{type} {field.Key}_p = {cast}iy * {field.Key}_nx + ix;"
                : $"{type} {field.Key}_p = ({cast}iz * {field.Key}_ny + iy) * {field.Key}_nx + ix;");
            if (field.Value) w.Line($"{type} {field.Key}_nxy = {cast}{field.Key}_nx * {field.Key}_ny;");
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
