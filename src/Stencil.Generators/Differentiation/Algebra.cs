using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// Expression constructors that fold the zeros and ones derivatives are full of, and move signs
/// outwards: <c>(-a) * b</c> is built as <c>-(a * b)</c>, <c>a - (-b)</c> as <c>a + b</c>, so that a
/// negated derivative costs no negation where a sum takes it (<c>acc -= ...</c>). Each such form
/// rounds exactly as the one it replaces (round to nearest is symmetric in sign).
/// </summary>
internal static class Algebra
{
    public static Expr Zero(NumberType t) => new ConstantExpr(0, t);

    public static Expr One(NumberType t) => new ConstantExpr(1, t);

    public static bool IsZero(Expr e) => e is ConstantExpr { Value: 0 };

    public static bool IsOne(Expr e) => e is ConstantExpr { Value: 1 };

    public static Expr Add(Expr a, Expr b)
    {
        if (IsZero(a)) return b;
        if (IsZero(b)) return a;
        if (b is UnaryExpr { Operator: "-" } negative) return new BinaryExpr("-", a, negative.Operand);
        if (a is UnaryExpr { Operator: "-" } negativeFirst) return new BinaryExpr("-", b, negativeFirst.Operand);
        return new BinaryExpr("+", a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsZero(b)) return a;
        if (IsZero(a)) return Neg(b);
        if (b is UnaryExpr { Operator: "-" } negative) return new BinaryExpr("+", a, negative.Operand);
        return new BinaryExpr("-", a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (IsZero(a)) return a;
        if (IsZero(b)) return b;
        if (IsOne(a)) return b;
        if (IsOne(b)) return a;
        if (b is ConstantExpr { Value: -1 }) return Neg(a);
        if (a is ConstantExpr { Value: -1 }) return Neg(b);
        if (a is UnaryExpr { Operator: "-" } negativeFirst) return Neg(Mul(negativeFirst.Operand, b));
        if (b is UnaryExpr { Operator: "-" } negative) return Neg(Mul(a, negative.Operand));
        return new BinaryExpr("*", a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (IsZero(a) || IsOne(b)) return a;
        if (a is UnaryExpr { Operator: "-" } negativeFirst) return Neg(Div(negativeFirst.Operand, b));
        if (b is UnaryExpr { Operator: "-" } negative) return Neg(Div(a, negative.Operand));
        return new BinaryExpr("/", a, b);
    }

    public static Expr Neg(Expr a) => a switch
    {
        ConstantExpr c => c with { Value = -c.Value },
        UnaryExpr { Operator: "-" } u => u.Operand,
        _ => new UnaryExpr("-", a),
    };

    public static Expr Cond(Expr c, Expr a, Expr b) => a.Equals(b) ? a : new ConditionalExpr(c, a, b);

    public static Expr And(Expr a, Expr b) => a is ConstantExpr { Type: NumberType.Bool, Value: 1 } ? b : new BinaryExpr("&&", a, b);

    public static Expr Not(Expr a) => new UnaryExpr("!", a);

    public static Expr Call(string function, params Expr[] arguments) => new CallExpr(function, arguments.ToEquatableArray());
}
