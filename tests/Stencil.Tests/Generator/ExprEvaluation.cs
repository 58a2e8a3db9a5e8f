using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>Evaluates generator expressions at a point (fields A, B, C), for tests of symbolic rewrites.</summary>
internal static class ExprEvaluation
{
    /// <summary>The value as the generated code computes it: IEEE double arithmetic, small powers as <see cref="StencilMath"/> multiplies them out.</summary>
    public static double Evaluate(Expr e, double[] point, IReadOnlyDictionary<string, LocalBinding> locals) => e switch
    {
        ConstantExpr c => c.Value,
        ReadExpr r => point[r.Access.Field[0] - 'A'],
        LocalExpr l => Evaluate(locals[l.Name].Value, point, locals),
        UnaryExpr { Operator: "-" } u => -Evaluate(u.Operand, point, locals),
        BinaryExpr b => b.Operator switch
        {
            "+" => Evaluate(b.Left, point, locals) + Evaluate(b.Right, point, locals),
            "-" => Evaluate(b.Left, point, locals) - Evaluate(b.Right, point, locals),
            "*" => Evaluate(b.Left, point, locals) * Evaluate(b.Right, point, locals),
            "/" => Evaluate(b.Left, point, locals) / Evaluate(b.Right, point, locals),
            _ => throw new ArgumentException(b.Operator),
        },
        CallExpr { Function: "Math.Pow" } c => ((ConstantExpr)c.Arguments[1]).Value switch
        {
            1 => Evaluate(c.Arguments[0], point, locals),
            2 => StencilMath.Square(Evaluate(c.Arguments[0], point, locals)),
            3 => StencilMath.Cube(Evaluate(c.Arguments[0], point, locals)),
            4 => StencilMath.Fourth(Evaluate(c.Arguments[0], point, locals)),
            var k => throw new ArgumentException($"power {k}"),
        },
        _ => throw new ArgumentException(e.ToString()),
    };
}
