using System.Collections.Generic;
using System.Linq;

namespace Stencil.Generators.Model;

/// <summary>Questions about expressions that look through local bindings.</summary>
internal static class ExprQueries
{
    /// <summary>Every field access an expression makes, directly or through the locals it uses.</summary>
    public static IEnumerable<Access> Reads(Expr expr, IReadOnlyDictionary<string, LocalBinding> locals)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<Expr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case ReadExpr r:
                    yield return r.Access;
                    break;
                case AdjointReadExpr a:
                    yield return a.Access;
                    break;
                case LocalExpr l when seen.Add(l.Name) && locals.TryGetValue(l.Name, out var binding):
                    stack.Push(binding.Value);
                    break;
                case var e:
                    foreach (var child in Children(e).Reverse()) stack.Push(child);   // source order
                    break;
            }
        }
    }

    /// <summary>The bindings an expression needs, transitively, in the order they must be computed.</summary>
    public static List<LocalBinding> Bindings(IEnumerable<Expr> roots, IReadOnlyList<LocalBinding> locals)
    {
        var byName = locals.ToDictionary(b => b.Name);
        var needed = new HashSet<string>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e is LocalExpr l)
            {
                if (needed.Add(l.Name) && byName.TryGetValue(l.Name, out var binding)) stack.Push(binding.Value);
                continue;
            }
            foreach (var child in Children(e)) stack.Push(child);
        }
        return locals.Where(b => needed.Contains(b.Name)).ToList();
    }

    /// <summary>The expression and its subexpressions, except those in a branch of <c>?:</c> or right of <c>&amp;&amp;</c>, <c>||</c> (not through locals).</summary>
    public static IEnumerable<Expr> AlwaysEvaluated(Expr e)
    {
        yield return e;
        var evaluated = e switch
        {
            ConditionalExpr c => new[] { c.Condition },
            BinaryExpr { Operator: "&&" or "||" } b => new[] { b.Left },
            _ => Children(e),
        };
        foreach (var x in evaluated.SelectMany(AlwaysEvaluated)) yield return x;
    }

    /// <summary>The terms of a conjunction <c>a &amp;&amp; b &amp;&amp; ...</c>; the expression itself if it is none.</summary>
    public static IEnumerable<Expr> Conjuncts(Expr expr)
        => expr is BinaryExpr { Operator: "&&" } b ? Conjuncts(b.Left).Concat(Conjuncts(b.Right)) : new[] { expr };

    /// <summary>Every access of a statement: its write and the reads of its value and guard.</summary>
    public static IEnumerable<Access> Accesses(Assignment assignment, IReadOnlyDictionary<string, LocalBinding> locals)
    {
        var reads = Reads(assignment.Value, locals);
        if (assignment.Guard is not null) reads = reads.Concat(Reads(assignment.Guard, locals));
        return new[] { assignment.Target }.Concat(reads);
    }

    /// <summary>Whether <paramref name="expr"/> has the same value at every point: constants, scalar parameters, extents, and locals computed from them only.</summary>
    public static bool IsUniform(Expr expr, IReadOnlyDictionary<string, LocalBinding> locals) => expr switch
    {
        ConstantExpr or ScalarExpr or ExtentExpr => true,
        ReadExpr or AdjointReadExpr or IndexExpr or InBoxExpr or InExtentExpr => false,
        LocalExpr l => locals.TryGetValue(l.Name, out var binding) && IsUniform(binding.Value, locals),
        _ => Children(expr).All(e => IsUniform(e, locals)),
    };

    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        UnaryExpr u => new[] { u.Operand },
        BinaryExpr b => new[] { b.Left, b.Right },
        CallExpr c => c.Arguments,
        ConditionalExpr c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        CastExpr c => new[] { c.Operand },
        _ => System.Array.Empty<Expr>(),
    };

    /// <summary>The expression with every local replaced by its value (recursively).</summary>
    public static Expr Inline(Expr e, IReadOnlyDictionary<string, LocalBinding> locals)
        => Rewrite(e, x => x is LocalExpr l && locals.TryGetValue(l.Name, out var b) ? Inline(b.Value, locals) : null);

    /// <summary>
    /// The expression rebuilt top down: where <paramref name="rule"/> returns an expression, that
    /// replaces the subexpression (and is not visited further); where it returns null, the
    /// subexpression keeps its operator and its operands are rewritten.
    /// </summary>
    public static Expr Rewrite(Expr e, System.Func<Expr, Expr?> rule) => rule(e) ?? e switch
    {
        UnaryExpr u => u with { Operand = Rewrite(u.Operand, rule) },
        BinaryExpr b => b with { Left = Rewrite(b.Left, rule), Right = Rewrite(b.Right, rule) },
        CallExpr c => c with { Arguments = c.Arguments.Select(a => Rewrite(a, rule)).ToEquatableArray() },
        ConditionalExpr c => new ConditionalExpr(Rewrite(c.Condition, rule), Rewrite(c.WhenTrue, rule), Rewrite(c.WhenFalse, rule)),
        CastExpr c => c with { Operand = Rewrite(c.Operand, rule) },
        _ => e,
    };

    /// <summary>The C# type of an expression (numeric promotion as the C# compiler applies it); a field element has type <paramref name="element"/>.</summary>
    public static NumberType TypeOf(Expr expr, NumberType element, IReadOnlyDictionary<string, LocalBinding> locals) => expr switch
    {
        ConstantExpr c => c.Type,
        ScalarExpr s => s.Type,
        ReadExpr or AdjointReadExpr => element,
        LocalExpr l => locals.TryGetValue(l.Name, out var binding) ? binding.Type : element,
        IndexExpr or ExtentExpr => NumberType.Int,
        InBoxExpr or InExtentExpr => NumberType.Bool,
        UnaryExpr u => u.Operator == "!" ? NumberType.Bool : TypeOf(u.Operand, element, locals),
        CastExpr c => c.Type,
        CallExpr c => c.Function.StartsWith("MathF.", System.StringComparison.Ordinal)
            ? NumberType.Float
            : c.Function is "Math.Abs" or "Math.Min" or "Math.Max" ? Promote(c.Arguments.Select(a => TypeOf(a, element, locals))) : NumberType.Double,
        ConditionalExpr c => Promote(new[] { TypeOf(c.WhenTrue, element, locals), TypeOf(c.WhenFalse, element, locals) }),
        BinaryExpr b => b.Operator is "+" or "-" or "*" or "/" ? Promote(new[] { TypeOf(b.Left, element, locals), TypeOf(b.Right, element, locals) }) : NumberType.Bool,
        _ => NumberType.Double,
    };

    private static NumberType Promote(IEnumerable<NumberType> types)
    {
        var list = types.ToList();
        if (list.Contains(NumberType.Double)) return NumberType.Double;
        if (list.Contains(NumberType.Float)) return NumberType.Float;
        return list.Count > 0 && list.All(t => t == NumberType.Bool) ? NumberType.Bool : NumberType.Int;
    }
}
