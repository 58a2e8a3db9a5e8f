using Stencil.Generators.Model;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// Moves an expression written at point p to the point q = p + o: the gather evaluates a
/// statement's partial derivatives at the neighbour p = q - o that read q.
/// </summary>
internal static class Shift
{
    public static Expr By(Expr expr, Int3 o) => o == Int3.Zero ? expr : ExprQueries.Rewrite(expr, e => e switch
    {
        ReadExpr r => new ReadExpr(Move(r.Access, o)),
        AdjointReadExpr a => new AdjointReadExpr(Move(a.Access, o)),
        IndexExpr i when o[i.Axis] != 0 => new BinaryExpr("-", i, new ConstantExpr(o[i.Axis], NumberType.Int)),
        InBoxExpr b => b with { Shift = Add(b.Shift, o) },
        InExtentExpr x => x with { Offset = Sub(x.Offset, o) },
        _ => null,
    });

    public static LocalBinding By(LocalBinding binding, Int3 o) => binding with { Value = By(binding.Value, o) };

    private static Access Move(Access a, Int3 o) => a with { Offset = Sub(a.Offset, o), WindowLo = Sub(a.WindowLo, o), WindowHi = Sub(a.WindowHi, o) };

    private static Int3 Add(Int3 a, Int3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    private static Int3 Sub(Int3 a, Int3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
}
