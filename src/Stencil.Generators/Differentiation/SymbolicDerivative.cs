using System;
using System.Collections.Generic;
using Stencil.Generators.Model;
using static Stencil.Generators.Differentiation.Algebra;

namespace Stencil.Generators.Differentiation;

/// <summary>
/// The partial derivative of an expression with respect to one field read, by the chain rule.
/// Locals are differentiated once per read and kept as bindings (<c>d_k_0_K_1_0_0</c>), so the
/// result stays as compact as the source; what such a binding computes twice is computed once
/// (<see cref="CommonSubexpressions"/>). Non-smooth functions take the derivative of the branch taken.
/// </summary>
internal sealed class SymbolicDerivative
{
    private readonly Dictionary<string, LocalBinding> _locals;
    private readonly NumberType _t;
    private readonly Dictionary<(string, Access), Expr> _memo = new();

    public SymbolicDerivative(Dictionary<string, LocalBinding> locals, NumberType element)
    {
        _locals = locals;
        _t = element;
    }

    /// <summary>Derivative bindings created so far, each after those it uses.</summary>
    public List<LocalBinding> Bindings { get; } = new();

    public Expr Of(Expr e, Access wrt)
    {
        switch (e)
        {
            case ReadExpr r:
                return r.Access == wrt ? One(_t) : Zero(_t);
            case LocalExpr l:
                return Local(l, wrt);
            case UnaryExpr { Operator: "-" } u:
                return Neg(Of(u.Operand, wrt));
            case UnaryExpr { Operator: "+" } u:
                return Of(u.Operand, wrt);
            case BinaryExpr b:
                return Binary(b, wrt);
            case ConditionalExpr c:
                return Cond(c.Condition, Of(c.WhenTrue, wrt), Of(c.WhenFalse, wrt));
            case CastExpr c when c.Type is NumberType.Float or NumberType.Double:
            {
                var d = Of(c.Operand, wrt);
                return IsZero(d) ? Zero(_t) : new CastExpr(c.Type, d);
            }
            case CallExpr c:
                return Call(c, wrt);
            default:
                return Zero(_t);
        }
    }

    private Expr Local(LocalExpr l, Access wrt)
    {
        if (!_locals.TryGetValue(l.Name, out var binding) || binding.Type is NumberType.Int or NumberType.Bool) return Zero(_t);
        if (_memo.TryGetValue((l.Name, wrt), out var known)) return known;
        var d = Of(binding.Value, wrt);
        if (d is not (ConstantExpr or LocalExpr or ReadExpr or ScalarExpr))
        {
            var o = wrt.Offset;
            // Reads of one field at one offset through different windows (an operator's and an index's) are different reads: number them apart.
            string name = $"d_{l.Name}_{wrt.Field}_{N(o.X)}_{N(o.Y)}_{N(o.Z)}";
            for (int k = 2; _locals.ContainsKey(name); k++) name = $"d_{l.Name}_{wrt.Field}_{N(o.X)}_{N(o.Y)}_{N(o.Z)}_w{k}";
            var (value, shared) = CommonSubexpressions.Extract(name, d, _t, _locals);
            foreach (var local in shared)
            {
                Bindings.Add(local);
                _locals[local.Name] = local;
            }
            var derivative = new LocalBinding(name, binding.Type, value);
            Bindings.Add(derivative);
            _locals[derivative.Name] = derivative;
            d = new LocalExpr(derivative.Name);
        }
        _memo[(l.Name, wrt)] = d;
        return d;
    }

    private static string N(int v) => v < 0 ? "m" + (-v) : v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Expr Binary(BinaryExpr b, Access wrt)
    {
        if (b.Operator is not ("+" or "-" or "*" or "/")) return Zero(_t);
        var da = Of(b.Left, wrt);
        var db = Of(b.Right, wrt);
        return b.Operator switch
        {
            "+" => Add(da, db),
            "-" => Sub(da, db),
            "*" => Add(Mul(da, b.Right), Mul(b.Left, db)),
            _ => Sub(Div(da, b.Right), IsZero(db) ? Zero(_t) : Div(Mul(b.Left, db), Mul(b.Right, b.Right))),
        };
    }

    /// <summary>
    /// d(a^b) = b * a^(b - 1) * da. Where b and da are constants and one of them is a power of two
    /// (<c>Math.Pow(0.5 * (x + y), 3)</c>: 3 and 0.5), their product is taken here, one
    /// multiplication fewer per derivative: <c>1.5 * a^2</c> rounds as <c>3 * a^2 * 0.5</c> does,
    /// since scaling by a power of two is exact. The two differ only where a product leaves the
    /// normal range (<c>3 * a^2</c> overflows, or <c>1.5 * a^2</c> is subnormal).
    /// </summary>
    private Expr PowerRule(string cls, Expr a, Expr b, Expr da)
    {
        var power = Algebra.Call(cls + "Pow", a, b is ConstantExpr k ? new ConstantExpr(k.Value - 1, k.Type) : Sub(b, One(_t)));
        var type = cls == "MathF." ? NumberType.Float : NumberType.Double;
        if (b is ConstantExpr exponent && da is ConstantExpr slope
            && (exponent.Type == NumberType.Int || exponent.Type == type) && (slope.Type == NumberType.Int || slope.Type == type)
            && (IsPowerOfTwo(exponent.Value) || IsPowerOfTwo(slope.Value)))
        {
            double product = exponent.Value * slope.Value;
            if (IsNormal(product, type)) return Mul(new ConstantExpr(product, type), power);
        }
        return Mul(Mul(b, power), da);
    }

    /// <summary>
    /// <paramref name="quotient"/> = da / g(a) where g vanishes at a = 0 (roots): where da is 0 too
    /// the chain rule gives 0 / 0, and the derivative is the limit 0 (Sqrt(x^4) = x^2 has slope 0
    /// at 0). A da that is never 0 (a nonzero constant, or a choice between such: Abs's slope) needs no test.
    /// </summary>
    private Expr ZeroWhereZero(Expr da, Expr quotient)
        => NeverZero(da) ? quotient : Cond(new BinaryExpr("==", da, Zero(_t)), Zero(_t), quotient);

    private static bool NeverZero(Expr e) => e switch
    {
        ConstantExpr c => c.Value != 0,
        UnaryExpr { Operator: "-" } u => NeverZero(u.Operand),
        ConditionalExpr c => NeverZero(c.WhenTrue) && NeverZero(c.WhenFalse),
        _ => false,
    };

    private static bool IsPowerOfTwo(double v)
        => v != 0 && !double.IsInfinity(v) && !double.IsNaN(v) && (BitConverter.DoubleToInt64Bits(v) & 0xFFFFFFFFFFFFFL) == 0;

    private static bool IsNormal(double v, NumberType type)
        => type == NumberType.Float
            ? (float)v == v && Math.Abs(v) >= 1.17549435e-38 && Math.Abs(v) <= float.MaxValue
            : Math.Abs(v) >= 2.2250738585072014e-308 && Math.Abs(v) <= double.MaxValue;

    private Expr Call(CallExpr c, Access wrt)
    {
        string cls = c.Function.Substring(0, c.Function.IndexOf('.') + 1);   // "Math." or "MathF."
        string name = c.Function.Substring(cls.Length);
        Expr F(string f, params Expr[] args) => Algebra.Call(cls + f, args);
        Expr K(double v) => new ConstantExpr(v, _t);
        var a = c.Arguments[0];
        var da = Of(a, wrt);
        if (c.Arguments.Count == 2)
        {
            var b = c.Arguments[1];
            var db = Of(b, wrt);
            if (IsZero(da) && IsZero(db)) return Zero(_t);
            return name switch
            {
                "Min" => Cond(new BinaryExpr("<=", a, b), da, db),
                "Max" => Cond(new BinaryExpr(">=", a, b), da, db),
                // d(a^b)/db = log(a) a^b: at a = 0 with b > 0 that is 0 * -inf, whose limit is 0.
                "Pow" => Add(
                    IsZero(da) ? Zero(_t) : PowerRule(cls, a, b, da),
                    IsZero(db) ? Zero(_t) : Cond(new BinaryExpr("&&", new BinaryExpr("==", a, Zero(_t)), new BinaryExpr(">", b, Zero(_t))), Zero(_t), Mul(Mul(F("Log", a), c), db))),
                "Atan2" => Div(Sub(Mul(b, da), Mul(a, db)), Add(Mul(a, a), Mul(b, b))),
                _ => Zero(_t),
            };
        }
        if (IsZero(da)) return Zero(_t);
        return name switch
        {
            "Abs" => Cond(new BinaryExpr(">=", a, Zero(_t)), da, Neg(da)),
            "Exp" => Mul(c, da),
            "Log" => Div(da, a),
            "Log10" => Div(da, Mul(a, K(2.302585092994046))),
            "Sqrt" => ZeroWhereZero(da, Div(da, Mul(K(2), c))),
            "Cbrt" => ZeroWhereZero(da, Div(da, Mul(K(3), Mul(c, c)))),
            "Sin" => Mul(F("Cos", a), da),
            "Cos" => Neg(Mul(F("Sin", a), da)),
            "Tan" => Div(da, Mul(F("Cos", a), F("Cos", a))),
            "Asin" => Div(da, F("Sqrt", Sub(One(_t), Mul(a, a)))),
            "Acos" => Neg(Div(da, F("Sqrt", Sub(One(_t), Mul(a, a))))),
            "Atan" => Div(da, Add(One(_t), Mul(a, a))),
            "Sinh" => Mul(F("Cosh", a), da),
            "Cosh" => Mul(F("Sinh", a), da),
            "Tanh" => Mul(Sub(One(_t), Mul(c, c)), da),
            _ => Zero(_t),   // Floor, Ceiling: piecewise constant
        };
    }
}
