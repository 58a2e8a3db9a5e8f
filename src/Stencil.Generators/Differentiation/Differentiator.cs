using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;
using static Stencil.Generators.Differentiation.Algebra;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// Kernel model -> reverse-mode (gather form) and forward-mode (tangent) models. Pure functions.
///
/// For statement s writing W at offset w and reading field F at offset o, the adjoint of the
/// value read at q = p + o receives W̄[p + w] * ∂f_s/∂F[p + o] from every point p where s ran.
/// The gather turns this around: one thread per q sums the terms of all (s, o) evaluated at
/// p = q - o, recomputing the partial derivatives there. A field read where it is written (an
/// in-place update) has its adjoint replaced pointwise in a second pass.
///
/// Only kernels without chains are differentiated: no statement reads, at the offset where it is
/// written, a field that an earlier statement wrote (the parser reports those).
/// </summary>
internal static class Differentiator
{
    public static AdjointSpec Adjoint(KernelSpec kernel)
    {
        var locals = kernel.Locals.ToDictionary(b => b.Name);
        var derivative = new SymbolicDerivative(locals, kernel.Element);
        var statements = kernel.Assignments;
        var writeOffset = statements.GroupBy(a => a.Target.Field).ToDictionary(g => g.Key, g => g.First().Target.Offset);
        var readFields = new HashSet<string>(statements.SelectMany(a => ExprQueries.Reads(a.Value, locals)).Select(a => a.Field));

        var gathers = new Dictionary<string, List<AdjointBlock>>();
        var inPlace = new Dictionary<string, List<AdjointBlock>>();
        foreach (var field in writeOffset.Keys.Where(readFields.Contains)) inPlace[field] = new List<AdjointBlock>();
        int blocks = 0;

        for (int s = 0; s < statements.Count; s++)
        {
            var statement = statements[s];
            var seed = new AdjointReadExpr(statement.Target);
            // Where s's write survives: s ran, and no later statement overwrote the same element.
            var survives = Active(kernel, s, locals);
            for (int t = s + 1; t < statements.Count; t++)
                if (statements[t].Target.Field == statement.Target.Field)
                    survives = And(survives, Not(Active(kernel, t, locals)));

            foreach (var read in ExprQueries.Reads(statement.Value, locals).Distinct().ToList())
            {
                var partial = derivative.Of(statement.Value, read);
                if (IsZero(partial)) continue;
                var value = Mul(seed, partial);
                string comment = $"{statement.Target.Field}{statement.Target.Offset} reads {read.Field}{read.Offset}";
                if (writeOffset.TryGetValue(read.Field, out var w) && w == read.Offset)
                {
                    inPlace[read.Field].Add(Block($"b{blocks++}", comment, survives, value, Int3.Zero, kernel, derivative));
                }
                else
                {
                    if (!gathers.TryGetValue(read.Field, out var gather)) gathers[read.Field] = gather = new List<AdjointBlock>();
                    gather.Add(Block($"b{blocks++}", comment, survives, value, read.Offset, kernel, derivative));
                }
            }
        }

        var updates = inPlace.Select(entry =>
        {
            var writers = Enumerable.Range(0, statements.Count).Where(s => statements[s].Target.Field == entry.Key);
            var overwritten = writers.Select(s => Active(kernel, s, locals)).Aggregate((a, b) => new BinaryExpr("||", a, b));
            return new InPlaceUpdate(entry.Key, writeOffset[entry.Key], overwritten, entry.Value.ToEquatableArray());
        });

        var fieldOrder = kernel.Parameters.Select(p => p.Name).ToList();
        return new AdjointSpec(
            kernel,
            fieldOrder.Where(writeOffset.ContainsKey).ToEquatableArray(),
            gathers.OrderBy(g => fieldOrder.IndexOf(g.Key)).Select(g => new GatherSpec(g.Key, g.Value.ToEquatableArray())).ToEquatableArray(),
            updates.OrderBy(u => fieldOrder.IndexOf(u.Field)).ToEquatableArray());
    }

    /// <summary>
    /// The tangent (forward-mode) kernel: a forward kernel with a <c>_dot</c> field beside every
    /// field, computing <c>W_dot = Σ ∂f/∂F[p+o] F_dot[p+o]</c> over the same points as the primal.
    /// It leaves the primal fields untouched. Used by the dot-product test.
    /// </summary>
    public static KernelSpec Tangent(KernelSpec kernel)
    {
        var locals = kernel.Locals.ToDictionary(b => b.Name);
        var derivative = new SymbolicDerivative(locals, kernel.Element);
        var assignments = new List<Assignment>();
        foreach (var statement in kernel.Assignments)
        {
            Expr value = Zero(kernel.Element);
            foreach (var read in ExprQueries.Reads(statement.Value, locals).Distinct().ToList())
                value = Add(value, Mul(derivative.Of(statement.Value, read), new ReadExpr(read with { Field = read.Field + "_dot" })));
            assignments.Add(statement with { Target = statement.Target with { Field = statement.Target.Field + "_dot" }, Value = value });
        }
        var parameters = kernel.Parameters.SelectMany(p => p.Kind == ParameterKind.Field
            ? new[] { p, p with { Name = p.Name + "_dot" } }
            : new[] { p });
        return kernel with
        {
            Name = kernel.Name + "Jvp",
            Parameters = parameters.ToEquatableArray(),
            Locals = kernel.Locals.Concat(derivative.Bindings).ToEquatableArray(),
            Assignments = assignments.ToEquatableArray(),
        };
    }

    /// <summary>Statement s runs at the point: inside its box and its guard (guard locals inlined, so it short-circuits safely).</summary>
    private static Expr Active(KernelSpec kernel, int s, Dictionary<string, LocalBinding> locals)
    {
        var guard = kernel.Assignments[s].Guard;
        Expr inBox = new InBoxExpr(s, Int3.Zero);
        return guard is null ? inBox : new BinaryExpr("&&", inBox, ExprQueries.Inline(guard, locals));
    }

    /// <summary>
    /// A block: the bindings its value needs, then its value. What the value computes twice (the
    /// product rule applied to an expression written without locals) is bound once, to locals named
    /// after the block (<paramref name="name"/>, see <see cref="CommonSubexpressions"/>).
    /// </summary>
    private static AdjointBlock Block(string name, string comment, Expr guard, Expr value, Int3 shift, KernelSpec kernel, SymbolicDerivative derivative)
    {
        var locals = kernel.Locals.Concat(derivative.Bindings).ToList();
        var (shared, temps) = CommonSubexpressions.Extract(name, value, kernel.Element, locals.ToDictionary(b => b.Name));
        var bindings = ExprQueries.Bindings(temps.Select(t => t.Value).Append(shared), locals).Concat(temps);
        return new AdjointBlock(
            comment,
            Shift.By(guard, shift),
            bindings.Select(b => Shift.By(b, shift)).ToEquatableArray(),
            Shift.By(shared, shift));
    }
}
