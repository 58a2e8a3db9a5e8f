using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The SIMD form of a gather, for the interior of a row: where every block's box test
/// (<see cref="InBoxExpr"/>) holds, each block is computed for all lanes without tests (a data
/// guard becomes a lane mask), and identical bindings of different blocks are computed once.
/// The box tests split into per-row tests on y, z (<see cref="RowTests"/>, one per distinct test,
/// declared as <c>rowIn0</c>, <c>rowIn1</c>, ...) and an x range [max <see cref="Lows"/>, min
/// <see cref="Highs"/>].
/// <para>
/// The points where some block's box test fails run vectors too, in which a failed block adds
/// +0 (its sum ANDed with a mask of no bits), so the sum stays bit for bit the scalar loop's:
/// rows near the y and z boundaries (<see cref="MaskedLoops"/>, one mask per row test), and one
/// vector at each end of a row's x range (<see cref="EndBody"/>, masks per lane). Their loads
/// stay inside the arrays: in rows where some row test fails, the gather's row pointers are
/// clamped into the arrays (<c>CpuExpressionWriter.EmitRowPointers</c>; where all hold, every row
/// read is one of a statement's box), and an end vector reaches at most one vector
/// width past the x range where every load is in its row, into the padding that every CPU field
/// has around its elements (<c>CpuField</c>). Without them, these points would run the checked
/// scalar body, a large share of an adjoint's time on grids of moderate size.
/// </para>
/// </summary>
internal sealed class GatherInterior
{
    private GatherInterior(List<(VectorExpressionWriter, VectorBody)> loops, List<(VectorExpressionWriter, VectorBody)> maskedLoops,
        VectorExpressionWriter endWriter, VectorBody endBody, List<string> rowTests, List<(int RowTest, string Lo, string Hi)> laneMasks,
        List<string> lows, List<string> highs)
    {
        Loops = loops;
        MaskedLoops = maskedLoops;
        EndWriter = endWriter;
        EndBody = endBody;
        RowTests = rowTests;
        LaneMasks = laneMasks;
        Lows = lows;
        Highs = highs;
    }

    /// <summary>The SIMD loops, widest first (<see cref="VectorWidths"/>): sum the blocks, add the sum to the adjoint.</summary>
    public List<(VectorExpressionWriter Writer, VectorBody Body)> Loops { get; }

    /// <summary>The same loops for rows where some row test fails; each begins with its row masks (empty without row tests).</summary>
    public List<(VectorExpressionWriter Writer, VectorBody Body)> MaskedLoops { get; }

    /// <summary>The narrowest loop's writer, which writes the end vectors.</summary>
    public VectorExpressionWriter EndWriter { get; }

    /// <summary>
    /// One vector at <c>ix</c> for the points at a row's ends: each block's sum is ANDed with its
    /// lane mask (<c>laneMask{j}</c>, see <see cref="LaneMasks"/>), and only the lanes of
    /// <c>storeMask</c> are added to the adjoint.
    /// </summary>
    public VectorBody EndBody { get; }

    /// <summary>The distinct y, z tests of the blocks' boxes; test k is declared as <c>rowIn{k}</c>.</summary>
    public List<string> RowTests { get; }

    /// <summary>
    /// The distinct (row test, x range) of the blocks' boxes: <c>laneMask{j}</c> has the lanes
    /// whose x is in [Lo, Hi], in a row where <c>rowIn{RowTest}</c> holds (any row for -1).
    /// </summary>
    public List<(int RowTest, string Lo, string Hi)> LaneMasks { get; }

    public List<string> Lows { get; }

    public List<string> Highs { get; }

    /// <summary>The interior form of a gather, or null when some block has no SIMD form.</summary>
    public static GatherInterior? Of(KernelSpec kernel, GatherSpec gather)
    {
        string RowTest(AdjointBlock block)
        {
            var tests = new List<string>();
            foreach (var box in Boxes(block))
            {
                for (int axis = 1; axis < kernel.Rank; axis++)
                {
                    string index = ExpressionWriter.Shifted("i" + "xyz"[axis], -box.Shift[axis]).Trim('(', ')');
                    tests.Add($"S{box.Statement}.{"XYZ"[axis]}Lo <= {index} && {index} <= S{box.Statement}.{"XYZ"[axis]}Hi");
                }
            }
            return string.Join(" && ", tests.Distinct());
        }
        var blockTests = gather.Blocks.Select(RowTest).ToList();
        var rowTests = blockTests.Where(t => t.Length > 0).Distinct().ToList();
        var rowMasks = blockTests.Select(t => t.Length > 0 ? rowTests.IndexOf(t) : -1).ToList();

        // Per block, the lanes where its box test holds: its row test, and its x range.
        var laneMasks = new List<(int RowTest, string Lo, string Hi)>();
        var blockLanes = new List<int>();
        for (int b = 0; b < gather.Blocks.Count; b++)
        {
            var boxes = Boxes(gather.Blocks[b]).ToList();
            if (boxes.Count == 0)
            {
                blockLanes.Add(-1);
                continue;
            }
            string lo = boxes.Select(XLow).Distinct().Aggregate((l, r) => $"global::System.Math.Max({l}, {r})");
            string hi = boxes.Select(XHigh).Distinct().Aggregate((l, r) => $"global::System.Math.Min({l}, {r})");
            var mask = (rowMasks[b], lo, hi);
            if (!laneMasks.Contains(mask)) laneMasks.Add(mask);
            blockLanes.Add(laneMasks.IndexOf(mask));
        }

        var loops = VectorWidths.Loops(VectorWidths.Writers(kernel.Rank, kernel.Element, kernel.Locals), v => Body(v, gather, _ => null, end: false));
        if (loops.Count == 0) return null;
        var maskedLoops = rowTests.Count == 0
            ? new List<(VectorExpressionWriter, VectorBody)>()
            : loops.Select(l => (l.Writer, Body(l.Writer, gather, b => rowMasks[b] >= 0 ? $"rowMask{rowMasks[b]}" : null, end: false)!
                with { Preamble = rowMasks.Where(k => k >= 0).Distinct().OrderBy(k => k).Select(k => $"var rowMask{k} = rowIn{k} ? {l.Writer.Type}.AllBitsSet : {l.Writer.Type}.Zero;").ToList() })).ToList();
        var endWriter = loops[loops.Count - 1].Writer;
        var endBody = Body(endWriter, gather, b => blockLanes[b] >= 0 ? $"laneMask{blockLanes[b]}" : null, end: true)!;

        var boxTests = gather.Blocks.SelectMany(Boxes).Distinct().ToList();
        var lows = boxTests.Select(XLow).Distinct().ToList();
        var highs = boxTests.Select(XHigh).Distinct().ToList();
        return new GatherInterior(loops, maskedLoops, endWriter, endBody, rowTests, laneMasks, lows, highs);
    }

    /// <summary>
    /// The vector body: every block without its box tests, identical bindings computed once (a
    /// binding with the text of one declared before is replaced by it, also in the texts of the
    /// bindings and values after it); each
    /// block's sum ANDed with its mask (<paramref name="maskOf"/> the block's index; null for none).
    /// Each block's bindings are its own (the scalar body declares them in the block's scope): a
    /// binding whose name an earlier block declared with another value, such as a local of the
    /// kernel (<c>su_0</c>) evaluated at the point each block reads, gets a name of its own
    /// (<c>su_0_b3</c>, block 3).
    /// At a row's <paramref name="end"/>, only the lanes of <c>storeMask</c> are added to the adjoint.
    /// </summary>
    private static VectorBody? Body(VectorExpressionWriter vector, GatherSpec gather, System.Func<int, string?> maskOf, bool end)
    {
        vector.TakeBody();
        var lines = new List<string>();
        var byText = new Dictionary<string, string>();     // vector text -> the local declared with it
        var used = new HashSet<string>();                  // the locals declared
        for (int b = 0; b < gather.Blocks.Count; b++)
        {
            var block = gather.Blocks[b];
            vector.Know(block.Bindings);
            var names = new Dictionary<string, string>();  // this block's binding -> its vector local
            Expr Canonical(Expr e) => ExprQueries.Rewrite(e, x => x is LocalExpr l && names.TryGetValue(l.Name, out var name) && name != l.Name ? new LocalExpr(name) : null);
            var data = ExprQueries.Conjuncts(block.Guard).Where(c => c is not InBoxExpr).ToList();
            lines.Add("// " + block.Comment);
            foreach (var binding in block.Bindings.Where(vector.Varies))
            {
                if (vector.Write(Canonical(binding.Value)) is not string text) return null;
                if (byText.TryGetValue(text, out var same))
                {
                    names[binding.Name] = same;
                    continue;
                }
                string name = used.Contains(binding.Name) ? $"{binding.Name}_b{b}" : binding.Name;
                if (name != binding.Name) vector.Know(new[] { binding with { Name = name } });
                used.Add(name);
                names[binding.Name] = name;
                byText[text] = name;
                lines.Add($"var {name} = {text};");
            }
            var (add, term) = AdjointEmitter.Accumulation(block.Value);
            if (vector.Write(Canonical(term)) is not string value) return null;
            if (data.Count > 0)
            {
                if (vector.Write(Canonical(data.Aggregate((l, r) => new BinaryExpr("&&", l, r)))) is not string mask) return null;
                value = $"{vector.Vector}.ConditionalSelect({mask}, {value}, {vector.Type}.Zero)";
            }
            if (maskOf(b) is string blockMask) value = $"{vector.Vector}.BitwiseAnd({value}, {blockMask})";
            lines.Add($"sum {add} {value};");
        }
        string adjoint = vector.Address(gather.Field + "_bar", Int3.Zero);
        vector.Touch(gather.Field + "_bar", Int3.Zero);
        if (end)
        {
            lines.Add($"var endOld = {vector.Vector}.Load({adjoint});");
            lines.Add($"{vector.Vector}.Store({vector.Vector}.ConditionalSelect(storeMask, endOld + sum, endOld), {adjoint});");
        }
        else
        {
            lines.Add($"{vector.Vector}.Store({vector.Vector}.Load({adjoint}) + sum, {adjoint});");
        }
        var (prefetches, loads, work, divisions, arraysRead, broadcasts, loadUses) = vector.TakeBody();
        // The adjoint is read and written: two more streams than the loads show.
        return new VectorBody(loads.Prepend($"var sum = {vector.Type}.Zero;").Concat(lines).ToList(), work, divisions, arraysRead + 2) { Prefetches = prefetches, Loads = loads.Count, Broadcasts = broadcasts, LoadUses = loadUses };
    }

    private static IEnumerable<InBoxExpr> Boxes(AdjointBlock block) => ExprQueries.Conjuncts(block.Guard).OfType<InBoxExpr>();

    /// <summary>The first x where a box test holds: <c>S0.XLo + 1</c>.</summary>
    private static string XLow(InBoxExpr box) => $"S{box.Statement}.XLo{ExpressionWriter.Plus(box.Shift.X)}";

    /// <summary>The last x where a box test holds: <c>S0.XHi + 1</c>.</summary>
    private static string XHigh(InBoxExpr box) => $"S{box.Statement}.XHi{ExpressionWriter.Plus(box.Shift.X)}";
}
