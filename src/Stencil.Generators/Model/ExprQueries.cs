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

    /// <summary>Every access of a statement: its write and the reads of its value and guard.</summary>
    public static IEnumerable<Access> Accesses(Assignment assignment, IReadOnlyDictionary<string, LocalBinding> locals)
    {
        var reads = Reads(assignment.Value, locals);
        if (assignment.Guard is not null) reads = reads.Concat(Reads(assignment.Guard, locals));
        return new[] { assignment.Target }.Concat(reads);
    }

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
    public static Expr Inline(Expr e, IReadOnlyDictionary<string, LocalBinding> locals) => e switch
    {
        LocalExpr l when locals.TryGetValue(l.Name, out var b) => Inline(b.Value, locals),
        UnaryExpr u => u with { Operand = Inline(u.Operand, locals) },
        BinaryExpr b => b with { Left = Inline(b.Left, locals), Right = Inline(b.Right, locals) },
        CallExpr c => c with { Arguments = c.Arguments.Select(a => Inline(a, locals)).ToEquatableArray() },
        ConditionalExpr c => new ConditionalExpr(Inline(c.Condition, locals), Inline(c.WhenTrue, locals), Inline(c.WhenFalse, locals)),
        CastExpr c => c with { Operand = Inline(c.Operand, locals) },
        _ => e,
    };
}
