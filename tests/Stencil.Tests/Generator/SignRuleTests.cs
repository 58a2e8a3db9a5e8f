using CsCheck;
using Stencil.Generators.Differentiation;
using Stencil.Generators.Emit;
using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>
/// The differentiator moves signs outwards (<c>(-a) * b</c> becomes <c>-(a * b)</c>) and an adjoint
/// sum takes a negated term as <c>acc -= x</c>. Each rewritten form must have, bit for bit, the value
/// of the form it replaces, signed zeros, infinities and subnormals included.
/// </summary>
public sealed class SignRuleTests
{
    private static readonly Expr A = new ReadExpr(Access.Point("A", new Int3(0, 0, 0)));
    private static readonly Expr B = new ReadExpr(Access.Point("B", new Int3(0, 0, 0)));
    private static readonly Dictionary<string, LocalBinding> NoLocals = new();

    private static readonly Gen<double> Values = Gen.OneOf(
        Gen.Double[-1e6, 1e6],
        Gen.Double,
        Gen.OneOf(Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.Epsilon), Gen.Const(-double.Epsilon),
                  Gen.Const(double.MaxValue), Gen.Const(double.NegativeInfinity), Gen.Const(1.0), Gen.Const(-3.0)));

    private static string? Seed => Environment.GetEnvironmentVariable("CI") == "true" ? "aS9dK2mLq7Wx" : null;

    private static void ShouldBeSameBits(double actual, double expected, string what)
    {
        if (double.IsNaN(expected)) double.IsNaN(actual).ShouldBeTrue(what);
        else BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(expected), what);
    }

    [Fact]
    public void A_product_or_quotient_with_a_negated_factor_is_built_negated()
    {
        var na = new UnaryExpr("-", A);
        var nb = new UnaryExpr("-", B);
        Algebra.Mul(na, B).ShouldBe(new UnaryExpr("-", new BinaryExpr("*", A, B)));
        Algebra.Mul(A, nb).ShouldBe(new UnaryExpr("-", new BinaryExpr("*", A, B)));
        Algebra.Mul(na, nb).ShouldBe(new BinaryExpr("*", A, B));
        Algebra.Div(na, B).ShouldBe(new UnaryExpr("-", new BinaryExpr("/", A, B)));
        Algebra.Div(A, nb).ShouldBe(new UnaryExpr("-", new BinaryExpr("/", A, B)));
        Algebra.Add(na, B).ShouldBe(new BinaryExpr("-", B, A));
        Algebra.Sub(A, nb).ShouldBe(new BinaryExpr("+", A, B));
        AdjointEmitter.Accumulation(Algebra.Mul(B, na)).ShouldBe(("-=", new BinaryExpr("*", B, A)));
        AdjointEmitter.Accumulation(new BinaryExpr("*", A, B)).ShouldBe(("+=", new BinaryExpr("*", A, B)));
    }

    [Fact]
    public void Every_sign_rule_keeps_the_value_of_the_form_it_replaces_bit_for_bit()
    {
        var na = new UnaryExpr("-", A);
        var nb = new UnaryExpr("-", B);
        Gen.Select(Values, Values).Sample((a, b) =>
        {
            double Value(Expr e) => ExprEvaluation.Evaluate(e, new[] { a, b }, NoLocals);
            ShouldBeSameBits(Value(Algebra.Mul(na, B)), -a * b, $"(-a) * b at a = {a}, b = {b}");
            ShouldBeSameBits(Value(Algebra.Mul(A, nb)), a * -b, $"a * (-b) at a = {a}, b = {b}");
            ShouldBeSameBits(Value(Algebra.Div(na, B)), -a / b, $"(-a) / b at a = {a}, b = {b}");
            ShouldBeSameBits(Value(Algebra.Div(A, nb)), a / -b, $"a / (-b) at a = {a}, b = {b}");
            ShouldBeSameBits(Value(Algebra.Add(na, B)), -a + b, $"(-a) + b at a = {a}, b = {b}");
            ShouldBeSameBits(Value(Algebra.Sub(A, nb)), a - -b, $"a - (-b) at a = {a}, b = {b}");
            // An adjoint sum: acc -= x where it added -x.
            double viaMinus = a; viaMinus -= b;
            ShouldBeSameBits(viaMinus, a + -b, $"acc -= x at acc = {a}, x = {b}");
        }, iter: 20000, threads: 1, seed: Seed);
    }
}
