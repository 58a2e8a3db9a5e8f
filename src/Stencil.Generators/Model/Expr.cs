namespace Stencil.Generators.Model;

/// <summary>The value type of an expression as C# sees it.</summary>
internal enum NumberType
{
    Int,
    Float,
    Double,
    Bool,
}

/// <summary>A backend-neutral expression at the iteration point: the body of a stencil statement.</summary>
internal abstract record Expr;

/// <summary>A compile-time constant (literal, <c>const</c>, <c>Math.PI</c>, or an operator's weight).</summary>
internal sealed record ConstantExpr(double Value, NumberType Type) : Expr;

/// <summary>A field value read at a constant offset.</summary>
internal sealed record ReadExpr(Access Access) : Expr;

/// <summary>A local value computed earlier at the same point (see <see cref="LocalBinding"/>).</summary>
internal sealed record LocalExpr(string Name) : Expr;

/// <summary>A scalar parameter of the kernel.</summary>
internal sealed record ScalarExpr(string Name, NumberType Type) : Expr;

/// <summary>The iteration point's index along an axis (<c>Ix, Iy, Iz</c>).</summary>
internal sealed record IndexExpr(int Axis) : Expr;

/// <summary>A field's extent along an axis (<c>A.Nx</c>).</summary>
internal sealed record ExtentExpr(string Field, int Axis) : Expr;

/// <summary><c>-a</c>, <c>+a</c> or <c>!a</c>.</summary>
internal sealed record UnaryExpr(string Operator, Expr Operand) : Expr;

/// <summary>Arithmetic, comparison or logical operator.</summary>
internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right) : Expr;

/// <summary>A math function of System, named as written: <c>Math.Exp</c>, <c>MathF.Sqrt</c>.</summary>
internal sealed record CallExpr(string Function, EquatableArray<Expr> Arguments) : Expr;

/// <summary><c>c ? a : b</c>, also what an <c>if</c> that assigns a local becomes.</summary>
internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>An explicit numeric conversion.</summary>
internal sealed record CastExpr(NumberType Type, Expr Operand) : Expr;

/// <summary>A read of the adjoint (bar) array of a field at a constant offset: reverse mode only.</summary>
internal sealed record AdjointReadExpr(Access Access) : Expr;

/// <summary>True when the point shifted by <c>-Shift</c> lies in forward statement <see cref="Statement"/>'s box.</summary>
internal sealed record InBoxExpr(int Statement, Int3 Shift) : Expr;

/// <summary>True when the point plus <see cref="Offset"/> lies inside field <see cref="Field"/>.</summary>
internal sealed record InExtentExpr(string Field, Int3 Offset) : Expr;
