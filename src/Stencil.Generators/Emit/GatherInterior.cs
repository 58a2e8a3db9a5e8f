using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The SIMD form of a gather, for the interior of a row: where every block's box test
/// (<see cref="InBoxExpr"/>) holds, each block is computed for all lanes without tests (a data
/// guard becomes a lane mask), and identical bindings of different blocks are computed once.
/// The box tests split into a per-row test on y, z (<see cref="RowTest"/>) and an x range
/// [max <see cref="Lows"/>, min <see cref="Highs"/>].
/// </summary>
internal sealed class GatherInterior
{
    private GatherInterior(List<(VectorExpressionWriter, VectorBody)> loops, string rowTest, List<string> lows, List<string> highs)
    {
        Loops = loops;
        RowTest = rowTest;
        Lows = lows;
        Highs = highs;
    }

    /// <summary>The SIMD loops, widest first (<see cref="VectorWidths"/>): sum the blocks, add the sum to the adjoint.</summary>
    public List<(VectorExpressionWriter Writer, VectorBody Body)> Loops { get; }

    public string RowTest { get; }

    public List<string> Lows { get; }

    public List<string> Highs { get; }

    /// <summary>The interior form of a gather, or null when some block has no SIMD form.</summary>
    public static GatherInterior? Of(KernelSpec kernel, GatherSpec gather)
    {
        var loops = VectorWidths.Loops(VectorWidths.Writers(kernel.Rank, kernel.Element, kernel.Locals), v => Body(v, gather));
        if (loops.Count == 0) return null;

        var boxTests = gather.Blocks.SelectMany(b => Conjuncts(b.Guard)).OfType<InBoxExpr>().Distinct().ToList();
        var rowTests = new List<string>();
        foreach (var box in boxTests)
        {
            for (int axis = 1; axis < kernel.Rank; axis++)
            {
                string index = ExpressionWriter.Shifted("i" + "xyz"[axis], -box.Shift[axis]).Trim('(', ')');
                rowTests.Add($"S{box.Statement}.{"XYZ"[axis]}Lo <= {index} && {index} <= S{box.Statement}.{"XYZ"[axis]}Hi");
            }
        }
        var lows = boxTests.Select(b => $"S{b.Statement}.XLo{ExpressionWriter.Plus(b.Shift.X)}").Distinct().ToList();
        var highs = boxTests.Select(b => $"S{b.Statement}.XHi{ExpressionWriter.Plus(b.Shift.X)}").Distinct().ToList();
        string rowTest = rowTests.Count == 0 ? "true" : string.Join(" && ", rowTests.Distinct());
        return new GatherInterior(loops, rowTest, lows, highs);
    }

    /// <summary>The vector body: every block without its box tests, identical bindings computed once.</summary>
    private static VectorBody? Body(VectorExpressionWriter vector, GatherSpec gather)
    {
        vector.TakeBody();
        var lines = new List<string>();
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
            lines.Add($"sum += {value};");
        }
        string adjoint = vector.Address(gather.Field + "_bar", Int3.Zero);
        lines.Add($"{vector.Vector}.Store({vector.Vector}.Load({adjoint}) + sum, {adjoint});");
        var (loads, work, divisions, arraysRead) = vector.TakeBody();
        // The adjoint is read and written: two more streams than the loads show.
        return new VectorBody(loads.Prepend($"var sum = {vector.Type}.Zero;").Concat(lines).ToList(), work, divisions, arraysRead + 2);
    }

    private static IEnumerable<Expr> Conjuncts(Expr expr)
        => expr is BinaryExpr { Operator: "&&" } b ? Conjuncts(b.Left).Concat(Conjuncts(b.Right)) : new[] { expr };
}
