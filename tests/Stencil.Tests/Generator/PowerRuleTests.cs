using CsCheck;
using Stencil.Generators.Differentiation;
using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>
/// The derivative of <c>Math.Pow(c * A, k)</c>: the constants k and c are multiplied by the
/// generator only where one of them is a power of two, and the derivative then has the value, bit
/// for bit, of the power rule as the textbook writes it, <c>k * (c A)^(k - 1) * c</c>.
/// </summary>
public sealed class PowerRuleTests
{
    private static readonly Expr A = new ReadExpr(Access.Point("A", new Int3(0, 0, 0)));

    private static Expr K(double v) => new ConstantExpr(v, NumberType.Double);

    private static Expr Pow(Expr x, int k) => new CallExpr("Math.Pow", new[] { x, new ConstantExpr(k, NumberType.Int) }.ToEquatableArray());

    private static Expr Derivative(Expr e) => new SymbolicDerivative(new Dictionary<string, LocalBinding>(), NumberType.Double).Of(e, Access.Point("A", new Int3(0, 0, 0)));

    [Fact]
    public void The_face_average_cubed_takes_one_multiplication_less()
    {
        var s = new BinaryExpr("*", K(0.5), A);
        Derivative(Pow(s, 3)).ShouldBe(new BinaryExpr("*", K(1.5), Pow(s, 2)));
    }

    [Fact]
    public void Constants_neither_of_which_is_a_power_of_two_stay_apart()
    {
        var s = new BinaryExpr("*", K(0.3), A);
        Derivative(Pow(s, 3)).ShouldBe(new BinaryExpr("*", new BinaryExpr("*", new ConstantExpr(3, NumberType.Int), Pow(s, 2)), K(0.3)));
    }

    [Fact]
    public void The_derivative_keeps_the_textbook_value_bit_for_bit()
    {
        var gen = Gen.Select(
            Gen.Int[2, 4],
            Gen.OneOf(Gen.Const(0.5), Gen.Const(0.25), Gen.Const(2.0), Gen.Const(-0.5), Gen.Const(0.3), Gen.Const(1.7), Gen.Const(-3.1)),
            Gen.Double[-1e6, 1e6],
            (k, c, a) => (k, c, a));
        gen.Sample(sample =>
        {
            var (k, c, a) = sample;
            var derivative = Derivative(Pow(new BinaryExpr("*", K(c), A), k));
            double actual = ExprEvaluation.Evaluate(derivative, new[] { a }, new Dictionary<string, LocalBinding>());
            double power = ExprEvaluation.Evaluate(Pow(K(c * a), k - 1), Array.Empty<double>(), new Dictionary<string, LocalBinding>());
            double textbook = k * power * c;
            BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(textbook), $"d/dA ({c} * A)^{k} at A = {a}: {derivative}");
        }, iter: 2000, threads: 1, seed: Environment.GetEnvironmentVariable("CI") == "true" ? "kQ4bN8sWx2Tz" : null);
    }
}
