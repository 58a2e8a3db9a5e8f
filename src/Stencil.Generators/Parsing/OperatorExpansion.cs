using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>Turns one operator call, e.g. <c>AvXi(K)</c>, into reads of its field at constant offsets.</summary>
internal static class OperatorExpansion
{
    public static Expr Expand(OperatorSpec op, string field, NumberType element)
    {
        var baseOffset = Int3.Zero;
        var windowHi = Int3.Zero;
        for (int axis = 0; axis < op.Rank; axis++)
        {
            baseOffset = baseOffset.With(axis, op.Axes[axis] == 'i' ? 1 : 0);
            windowHi = windowHi.With(axis, op.Reach(axis));
        }

        Expr Read(Int3 offset) => new ReadExpr(new Access(field, offset, Int3.Zero, windowHi));
        var along = Enumerable.Range(0, op.Rank).Where(a => op.Axes[a] is 'a' or 'c').ToList();

        switch (op.Kind)
        {
            case OperatorKind.Select:
                return Read(baseOffset);
            case OperatorKind.Difference:
                return Sub(Read(baseOffset.With(along[0], 1)), Read(baseOffset));
            case OperatorKind.SecondDifference:
            {
                int a = along[0];
                var r0 = Read(baseOffset.With(a, 0));
                var r1 = Read(baseOffset.With(a, 1));
                var r2 = Read(baseOffset.With(a, 2));
                return Sub(Sub(r2, r1), Sub(r1, r0));
            }
            case OperatorKind.Average:
            {
                var corners = Corners(baseOffset, along).Select(Read).ToList();
                return new BinaryExpr("*", Sum(corners), Constant(1.0 / corners.Count, element));
            }
            case OperatorKind.HarmonicAverage:
            {
                var inverses = Corners(baseOffset, along).Select(c => (Expr)new BinaryExpr("/", Constant(1.0, element), Read(c))).ToList();
                return new BinaryExpr("*", new BinaryExpr("/", Constant(1.0, element), Sum(inverses)), Constant(inverses.Count, element));
            }
            default:
            {
                // MaxLoc/MinLoc: the centre and its two neighbours along every axis, nested as in ParallelStencil.
                string function = op.Kind == OperatorKind.MaxLoc ? "Math.Max" : "Math.Min";
                var centre = Int3.Zero;
                for (int axis = 0; axis < op.Rank; axis++) centre = centre.With(axis, 1);
                Expr Pair(int axis) => Call(function, Read(centre.With(axis, 0)), Read(centre.With(axis, 2)));
                Expr result = Call(function, Pair(0), Read(centre));
                for (int axis = 1; axis < op.Rank; axis++) result = Call(function, result, Pair(axis));
                return result;
            }
        }
    }

    private static IEnumerable<Int3> Corners(Int3 baseOffset, List<int> along)
    {
        int count = 1 << along.Count;
        for (int bits = 0; bits < count; bits++)
        {
            var corner = baseOffset;
            for (int k = 0; k < along.Count; k++) corner = corner.With(along[k], (bits >> k) & 1);
            yield return corner;
        }
    }

    private static Expr Sum(IReadOnlyList<Expr> terms) => terms.Skip(1).Aggregate(terms[0], (acc, t) => new BinaryExpr("+", acc, t));

    private static Expr Sub(Expr a, Expr b) => new BinaryExpr("-", a, b);

    private static Expr Call(string function, Expr a, Expr b) => new CallExpr(function, new[] { a, b }.ToEquatableArray());

    private static Expr Constant(double value, NumberType element) => new ConstantExpr(value, element);
}
