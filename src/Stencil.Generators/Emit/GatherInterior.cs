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
/// Rows near the y and z boundaries, where some blocks' row tests fail, run the same vectors
/// (<see cref="MaskedLoops"/>) with each block's sum ANDed with its row's mask (<c>rowMask0</c>, ...,
/// all bits or none): a failed block adds +0, so the sum stays bit for bit the scalar loop's. Its
/// loads stay in bounds because the gather's row pointers are clamped into the arrays
/// (<c>CpuExpressionWriter.EmitRowPointers</c>) and the x range is the one where every block's x
/// test holds. Without this, those rows ran the checked scalar body: 6 % of the rows of the 128^3
/// heat adjoint, 10-18 % of its time.
/// </para>
/// </summary>
internal sealed class GatherInterior
{
    private GatherInterior(List<(VectorExpressionWriter, VectorBody)> loops, List<(VectorExpressionWriter, VectorBody)> maskedLoops, List<string> rowTests, List<string> lows, List<string> highs)
    {
        Loops = loops;
        MaskedLoops = maskedLoops;
        RowTests = rowTests;
        Lows = lows;
        Highs = highs;
    }

    /// <summary>The SIMD loops, widest first (<see cref="VectorWidths"/>): sum the blocks, add the sum to the adjoint.</summary>
    public List<(VectorExpressionWriter Writer, VectorBody Body)> Loops { get; }

    /// <summary>The same loops for rows where some row test fails; each begins with its row masks (empty without row tests).</summary>
    public List<(VectorExpressionWriter Writer, VectorBody Body)> MaskedLoops { get; }

    /// <summary>The distinct y, z tests of the blocks' boxes; test k is declared as <c>rowIn{k}</c>.</summary>
    public List<string> RowTests { get; }

    public List<string> Lows { get; }

    public List<string> Highs { get; }

    /// <summary>The interior form of a gather, or null when some block has no SIMD form.</summary>
    public static GatherInterior? Of(KernelSpec kernel, GatherSpec gather)
    {
        string RowTest(AdjointBlock block)
        {
            var tests = new List<string>();
            foreach (var box in Conjuncts(block.Guard).OfType<InBoxExpr>())
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
        var masks = blockTests.Select(t => t.Length > 0 ? rowTests.IndexOf(t) : -1).ToList();

        var loops = VectorWidths.Loops(VectorWidths.Writers(kernel.Rank, kernel.Element, kernel.Locals), v => Body(v, gather, null));
        if (loops.Count == 0) return null;
        var maskedLoops = rowTests.Count == 0
            ? new List<(VectorExpressionWriter, VectorBody)>()
            : loops.Select(l => (l.Writer, Body(l.Writer, gather, masks)!)).ToList();

        var boxTests = gather.Blocks.SelectMany(b => Conjuncts(b.Guard)).OfType<InBoxExpr>().Distinct().ToList();
        var lows = boxTests.Select(b => $"S{b.Statement}.XLo{ExpressionWriter.Plus(b.Shift.X)}").Distinct().ToList();
        var highs = boxTests.Select(b => $"S{b.Statement}.XHi{ExpressionWriter.Plus(b.Shift.X)}").Distinct().ToList();
        return new GatherInterior(loops, maskedLoops, rowTests, lows, highs);
    }

    /// <summary>
    /// The vector body: every block without its box tests, identical bindings computed once. With
    /// <paramref name="masks"/> (each block's row test, or -1), each block's sum is ANDed with its row mask.
    /// </summary>
    private static VectorBody? Body(VectorExpressionWriter vector, GatherSpec gather, List<int>? masks)
    {
        vector.TakeBody();
        var lines = new List<string>();
        int blockIndex = 0;
        var declared = new Dictionary<string, string>();   // binding name -> vector text
        var byText = new Dictionary<string, string>();     // vector text -> binding name
        foreach (var block in gather.Blocks)
        {
            vector.Know(block.Bindings);
            var data = Conjuncts(block.Guard).Where(c => c is not InBoxExpr).ToList();
            lines.Add("// " + block.Comment);
            foreach (var binding in block.Bindings.Where(vector.Varies))
            {
                if (vector.Write(binding.Value) is not string text) return null;
                if (declared.TryGetValue(binding.Name, out var previous))
                {
                    if (previous != text) return null;
                    continue;
                }
                declared[binding.Name] = text;
                lines.Add(byText.TryGetValue(text, out var same) ? $"var {binding.Name} = {same};" : $"var {binding.Name} = {text};");
                if (!byText.ContainsKey(text)) byText[text] = binding.Name;
            }
            if (vector.Write(block.Value) is not string value) return null;
            if (data.Count > 0)
            {
                if (vector.Write(data.Aggregate((a, b) => new BinaryExpr("&&", a, b))) is not string mask) return null;
                value = $"{vector.Vector}.ConditionalSelect({mask}, {value}, {vector.Type}.Zero)";
            }
            if (masks is not null && masks[blockIndex] >= 0) value = $"{vector.Vector}.BitwiseAnd({value}, rowMask{masks[blockIndex]})";
            lines.Add($"sum += {value};");
            blockIndex++;
        }
        string adjoint = vector.Address(gather.Field + "_bar", Int3.Zero);
        lines.Add($"{vector.Vector}.Store({vector.Vector}.Load({adjoint}) + sum, {adjoint});");
        var (loads, work, divisions, arraysRead) = vector.TakeBody();
        // The adjoint is read and written: two more streams than the loads show.
        var rowMasks = (masks ?? new List<int>()).Where(k => k >= 0).Distinct().OrderBy(k => k)
            .Select(k => $"var rowMask{k} = rowIn{k} ? {vector.Type}.AllBitsSet : {vector.Type}.Zero;").ToList();
        return new VectorBody(loads.Prepend($"var sum = {vector.Type}.Zero;").Concat(lines).ToList(), work, divisions, arraysRead + 2) { Preamble = rowMasks };
    }

    private static IEnumerable<Expr> Conjuncts(Expr expr)
        => expr is BinaryExpr { Operator: "&&" } b ? Conjuncts(b.Left).Concat(Conjuncts(b.Right)) : new[] { expr };
}
