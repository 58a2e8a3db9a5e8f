using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// Moves an expression written at point p to the point q = p + o: the gather evaluates a
/// statement's partial derivatives at the neighbour p = q - o that read q.
/// </summary>
internal static class Shift
{
    public static Expr By(Expr expr, Int3 o)
    {
        if (o == Int3.Zero) return expr;
        return expr switch
        {
            ReadExpr r => new ReadExpr(Move(r.Access, o)),
            AdjointReadExpr a => new AdjointReadExpr(Move(a.Access, o)),
            IndexExpr i when o[i.Axis] != 0 => new BinaryExpr("-", i, new ConstantExpr(o[i.Axis], NumberType.Int)),
            InBoxExpr b => b with { Shift = Add(b.Shift, o) },
            InExtentExpr e => e with { Offset = Sub(e.Offset, o) },
            UnaryExpr u => u with { Operand = By(u.Operand, o) },
            BinaryExpr b => b with { Left = By(b.Left, o), Right = By(b.Right, o) },
            CallExpr c => c with { Arguments = c.Arguments.Select(a => By(a, o)).ToEquatableArray() },
            ConditionalExpr c => new ConditionalExpr(By(c.Condition, o), By(c.WhenTrue, o), By(c.WhenFalse, o)),
            CastExpr c => c with { Operand = By(c.Operand, o) },
            _ => expr,
        };
    }

    public static LocalBinding By(LocalBinding binding, Int3 o) => binding with { Value = By(binding.Value, o) };

    private static Access Move(Access a, Int3 o) => a with { Offset = Sub(a.Offset, o), WindowLo = Sub(a.WindowLo, o), WindowHi = Sub(a.WindowHi, o) };

    private static Int3 Add(Int3 a, Int3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    private static Int3 Sub(Int3 a, Int3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
}
