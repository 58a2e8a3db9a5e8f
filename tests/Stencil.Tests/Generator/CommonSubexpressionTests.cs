using CsCheck;
using Stencil.Generators.Differentiation;
using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>
/// The generator's common subexpression elimination of derivative bindings: every value is bit for
/// bit what the expression as written gives (checked by evaluating both, with the arithmetic of the
/// generated code), and nothing is computed twice after it.
/// </summary>
public sealed class CommonSubexpressionTests
{
    private static readonly Expr A = Read("A"), B = Read("B"), C = Read("C");

    private static Expr Read(string field) => new ReadExpr(Access.Point(field, new Int3(0, 0, 0)));

    private static Expr K(double v) => new ConstantExpr(v, NumberType.Double);

    private static Expr Op(string op, Expr l, Expr r) => new BinaryExpr(op, l, r);

    private static Expr Pow(Expr x, int k) => new CallExpr("Math.Pow", new[] { x, new ConstantExpr(k, NumberType.Int) }.ToEquatableArray());

    private static readonly Dictionary<string, LocalBinding> NoLocals = new();

    [Fact]
    public void Flux_derivative_shares_the_face_average_and_its_square()
    {
        // d/dA of Pow(0.5 * (A + B), 3) * (A - B), as the product and chain rules write it.
        var s = Op("*", K(0.5), Op("+", A, B));
        var derivative = Op("+", Op("*", Op("*", Op("*", K(3), Pow(s, 2)), K(0.5)), Op("-", A, B)), Pow(s, 3));

        var (value, shared) = CommonSubexpressions.Extract("d", derivative, NumberType.Double, NoLocals);

        // By hand: c1 = 0.5 * (A + B), c0 = c1², and the cube is c0 * c1.
        shared.Select(b => (b.Name, b.Value)).ShouldBe(new[]
        {
            ("d_c1", s),
            ("d_c0", Pow(new LocalExpr("d_c1"), 2)),
        });
        var c0 = new LocalExpr("d_c0");
        var c1 = new LocalExpr("d_c1");
        value.ShouldBe(Op("+", Op("*", Op("*", Op("*", K(3), c0), K(0.5)), Op("-", A, B)), Op("*", c0, c1)));
        Multiplications(derivative, NoLocals).ShouldBe(8);
        Multiplications(value, shared.ToDictionary(b => b.Name)).ShouldBe(6);
    }

    [Fact]
    public void What_only_a_branch_or_a_short_circuit_computes_stays_there()
    {
        var sum = Op("+", A, B);
        var branches = new ConditionalExpr(Op(">", A, B), Op("*", sum, sum), sum);
        CommonSubexpressions.Extract("d", branches, NumberType.Double, NoLocals).Shared.ShouldBeEmpty();

        var shortCircuit = Op("&&", Op(">", A, K(0)), Op(">", Op("*", sum, sum), sum));
        CommonSubexpressions.Extract("d", shortCircuit, NumberType.Double, NoLocals).Shared.ShouldBeEmpty();
    }

    [Fact]
    public void Random_expressions_keep_their_value_bit_for_bit_and_compute_nothing_twice()
    {
        // A pool of random subexpressions, combined at random, so that repeats are common.
        var leaf = Gen.OneOf(Gen.Const(A), Gen.Const(B), Gen.Const(C), Gen.OneOf(Gen.Const(0.5), Gen.Const(3.0), Gen.Const(-1.25)).Select(K));
        Gen<Expr> Tree(Gen<Expr> leaves, int depth) => depth == 0 ? leaves : Gen.Frequency(
            (1, leaves),
            (4, Gen.Select(Gen.OneOf("+", "-", "*", "/"), Tree(leaves, depth - 1), Tree(leaves, depth - 1), Op)),
            (2, Gen.Select(Tree(leaves, depth - 1), Gen.Int[2, 4], Pow)),
            (1, Tree(leaves, depth - 1).Select(x => (Expr)new UnaryExpr("-", x))));
        var gen = Gen.Select(
            Tree(leaf, 2).Array[3].SelectMany(pool => Tree(Gen.Frequency((1, leaf), (2, Gen.OneOf(pool.Select(Gen.Const).ToArray()))), 3)),
            Gen.Double[-2, 2].Array[3],
            (expr, point) => (expr, point));

        gen.Sample(sample =>
        {
            var (expr, point) = sample;
            var (value, shared) = CommonSubexpressions.Extract("d", expr, NumberType.Double, NoLocals);
            var locals = shared.ToDictionary(b => b.Name);

            double expected = ExprEvaluation.Evaluate(expr, point, NoLocals);
            double actual = ExprEvaluation.Evaluate(value, point, locals);
            BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(expected), $"{expr} at ({string.Join(", ", point)})");

            var counts = new Dictionary<Expr, int>();
            foreach (var root in shared.Select(b => b.Value).Append(value)) CountArithmetic(root, counts);
            counts.Where(c => c.Value > 1).Select(c => c.Key).ShouldBeEmpty();
            Multiplications(value, locals).ShouldBeLessThanOrEqualTo(Multiplications(expr, NoLocals));
        }, iter: 2000, threads: 1, seed: Environment.GetEnvironmentVariable("CI") == "true" ? "dV3tGkR8qS1c" : null);
    }

    /// <summary>Multiplications the generated code does, each local counted once.</summary>
    private static int Multiplications(Expr root, IReadOnlyDictionary<string, LocalBinding> locals)
    {
        var counted = new HashSet<string>();
        int Count(Expr e) => e switch
        {
            LocalExpr l => counted.Add(l.Name) ? Count(locals[l.Name].Value) : 0,
            BinaryExpr b => (b.Operator == "*" ? 1 : 0) + Count(b.Left) + Count(b.Right),
            CallExpr c => (((ConstantExpr)c.Arguments[1]).Value == 2 ? 1 : 2) + Count(c.Arguments[0]),
            UnaryExpr u => Count(u.Operand),
            _ => 0,
        };
        return Count(root);
    }

    private static bool HasRead(Expr e) => e is ReadExpr or LocalExpr || ExprQueries.Children(e).Any(HasRead);

    private static void CountArithmetic(Expr e, Dictionary<Expr, int> counts)
    {
        if (e is BinaryExpr or CallExpr && HasRead(e)) counts[e] = counts.TryGetValue(e, out int n) ? n + 1 : 1;
        foreach (var child in ExprQueries.Children(e)) CountArithmetic(child, counts);
    }
}
