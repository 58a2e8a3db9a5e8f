using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// Common subexpression elimination for what the differentiator writes (derivative bindings,
/// adjoint blocks' values). The product and chain rules copy
/// subexpressions into several terms: the derivative of <c>Math.Pow(0.5 * (a + b), 3) * (a - b)</c>
/// with respect to <c>a</c> is <c>3 * Pow(0.5 * (a + b), 2) * 0.5 * (a - b) + Pow(0.5 * (a + b), 3)</c>.
/// Each arithmetic subexpression that the value computes more than once is bound to a local of its
/// own (<c>name_c0</c>, <c>name_c1</c>, ...) and computed once, and the small powers of one base are
/// computed from its square: <c>Pow(s, 3)</c> as <c>Pow(s, 2) * s</c>, <c>Pow(s, 4)</c> as
/// <c>Pow(Pow(s, 2), 2)</c>. Results stay bit for bit the same: the same operations on the same
/// operands, as <c>StencilMath</c> multiplies the powers out (<c>Cube(x) = x * x * x</c>,
/// <c>Fourth(x) = (x * x) * (x * x)</c>). Only subexpressions the value always evaluates count (not
/// those in a branch of <c>?:</c> or the right side of <c>&amp;&amp;</c>, <c>||</c>), so a shared
/// local never computes what the source would have skipped.
/// <para>
/// In the nonlinear diffusion adjoint, sharing <c>0.5 * (a + b)</c> and its square in each of its 6
/// face derivatives saves 12 of its 70 multiplications per 8 points, which matters in a kernel
/// bound by arithmetic.
/// </para>
/// </summary>
internal static class CommonSubexpressions
{
    /// <summary>
    /// The value with its repeated subexpressions replaced by locals, and those locals' bindings, each
    /// after the ones it uses.
    /// </summary>
    public static (Expr Value, List<LocalBinding> Shared) Extract(string name, Expr value, NumberType element, IReadOnlyDictionary<string, LocalBinding> locals)
    {
        value = FromSquares(value);
        var shared = new List<LocalBinding>();   // in the order of extraction: largest first
        var known = locals.ToDictionary(l => l.Key, l => l.Value);
        while (true)
        {
            var counts = new Dictionary<Expr, int>();
            Count(value, counts);
            foreach (var binding in shared) Count(binding.Value, counts);
            var repeated = counts.Where(c => c.Value > 1).Select(c => c.Key).OrderByDescending(Size).FirstOrDefault();
            if (repeated is null) break;
            var local = new LocalBinding($"{name}_c{shared.Count}", ExprQueries.TypeOf(repeated, element, known), repeated);
            var reference = new LocalExpr(local.Name);
            value = Replace(value, repeated, reference);
            for (int i = 0; i < shared.Count; i++) shared[i] = shared[i] with { Value = Replace(shared[i].Value, repeated, reference) };
            shared.Add(local);
            known[local.Name] = local;
        }
        // A later extraction is a part of earlier ones (a larger repeated expression is taken first)
        // and never contains them, so the reverse order computes each local after those it uses.
        shared.Reverse();
        return (value, shared);
    }

    /// <summary>Counts the candidates among the subexpressions the expression always evaluates.</summary>
    private static void Count(Expr e, Dictionary<Expr, int> counts)
    {
        foreach (var x in ExprQueries.AlwaysEvaluated(e).Where(IsCandidate))
            counts[x] = counts.TryGetValue(x, out int n) ? n + 1 : 1;
    }

    /// <summary>Arithmetic or a math call on values that vary with the point, with no indices or box tests in it.</summary>
    private static bool IsCandidate(Expr e)
        => e is BinaryExpr { Operator: "+" or "-" or "*" or "/" } or CallExpr
           && Leaves(e).All(l => l is ReadExpr or AdjointReadExpr or LocalExpr or ConstantExpr or ScalarExpr)
           && Leaves(e).Any(l => l is ReadExpr or AdjointReadExpr or LocalExpr);

    private static IEnumerable<Expr> Leaves(Expr e)
    {
        var children = ExprQueries.Children(e).ToList();
        return children.Count == 0 ? new[] { e } : children.SelectMany(Leaves);
    }

    private static int Size(Expr e) => 1 + ExprQueries.Children(e).Sum(Size);

    private static Expr Replace(Expr e, Expr what, Expr with) => ExprQueries.Rewrite(e, x => x.Equals(what) ? with : null);

    /// <summary>
    /// Where a base that varies with the point has two of the powers 2, 3, 4 among the subexpressions
    /// always evaluated, its cube and fourth power are computed from its square (the same
    /// multiplications in the same order), so that the square and the base are shared.
    /// </summary>
    private static Expr FromSquares(Expr value)
    {
        var powers = ExprQueries.AlwaysEvaluated(value).OfType<CallExpr>()
            .Where(p => SmallPower(p) is not null && (p.Arguments[0] is ReadExpr or AdjointReadExpr or LocalExpr || IsCandidate(p.Arguments[0])))
            .ToList();
        var squares = new Dictionary<(string, Expr), CallExpr>();
        foreach (var group in powers.GroupBy(p => (p.Function, p.Arguments[0])).Where(g => g.Select(SmallPower).Distinct().Count() > 1))
        {
            var square = group.FirstOrDefault(p => SmallPower(p) == 2);
            squares[group.Key] = square ?? new CallExpr(group.Key.Function, new[] { group.Key.Item2, new ConstantExpr(2, ((ConstantExpr)group.First().Arguments[1]).Type) }.ToEquatableArray());
        }
        if (squares.Count == 0) return value;

        return ExprQueries.Rewrite(value, e => e is CallExpr c && SmallPower(c) is int k and (3 or 4) && squares.TryGetValue((c.Function, c.Arguments[0]), out var square)
            ? k == 3
                ? new BinaryExpr("*", square, c.Arguments[0])
                : square with { Arguments = new[] { square, square.Arguments[1] }.ToEquatableArray() }
            : null);
    }

    /// <summary>2, 3 or 4 for <c>Math.Pow(x, k)</c> with that constant k (written as multiplications), else null.</summary>
    private static int? SmallPower(Expr e)
        => e is CallExpr { Function: "Math.Pow" or "MathF.Pow" } c && c.Arguments[1] is ConstantExpr { Value: 2 or 3 or 4 } k ? (int)k.Value : null;
}
