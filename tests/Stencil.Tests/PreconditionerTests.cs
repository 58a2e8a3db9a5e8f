namespace Stencil.Tests;

/// <summary>
/// Optimisers with a preconditioner P: L-BFGS starts from H0 = γ P and line-searches on the true
/// gradient; gradient descent steps along −P g. Checked on a quadratic J = ½ mᵀ A m − bᵀ m whose
/// A = Q diag(d) Qᵀ (Q a Householder reflection, condition number 10⁴) has the known inverse.
/// </summary>
public sealed class PreconditionerTests
{
    private const int N = 20;

    /// <summary>A = Q diag(d) Qᵀ with Q = I − 2 v vᵀ / vᵀv; applies A or, with inverse, A⁻¹ = Q diag(1/d) Qᵀ.</summary>
    private sealed class Quadratic : IObjective, IPreconditioner
    {
        private readonly double[] _v = Grid.Random(N, 5, -1, 1);
        private readonly double[] _d = Enumerable.Range(0, N).Select(i => Math.Pow(10, 4.0 * i / (N - 1))).ToArray();
        public double[] B { get; } = Grid.Random(N, 6, -1, 1);
        public int Evaluations { get; private set; }

        public double[] Times(double[] m, bool inverse)
        {
            double vv = _v.Sum(x => x * x);
            var r = Reflect(m, vv);
            for (int i = 0; i < N; i++) r[i] = inverse ? r[i] / _d[i] : r[i] * _d[i];
            return Reflect(r, vv);
        }

        private double[] Reflect(double[] m, double vv)
        {
            double c = 2 * m.Zip(_v, (a, b) => a * b).Sum() / vv;
            return m.Select((x, i) => x - c * _v[i]).ToArray();
        }

        public double Cost(double[] m) => 0.5 * m.Zip(Times(m, false), (a, b) => a * b).Sum() - m.Zip(B, (a, b) => a * b).Sum();

        public double CostAndGradient(double[] m, double[] g)
        {
            Evaluations++;
            var am = Times(m, false);
            for (int i = 0; i < N; i++) g[i] = am[i] - B[i];
            return Cost(m);
        }

        /// <summary>The exact inverse Hessian as preconditioner.</summary>
        public void Apply(double[] gradient, double[] result) => Times(gradient, true).CopyTo(result, 0);
    }

    /// <summary>P = c I.</summary>
    private sealed class ScaledIdentity(double c) : IPreconditioner
    {
        public void Apply(double[] gradient, double[] result)
        {
            for (int i = 0; i < gradient.Length; i++) result[i] = c * gradient[i];
        }
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    [Fact]
    public void Lbfgs_with_the_exact_inverse_Hessian_as_preconditioner_is_Newton_from_the_second_iteration()
    {
        // Iteration 1 steps along −A⁻¹g, shortened to FirstStep; iteration 2 then takes the full Newton step
        // to the minimum A⁻¹b. Without the preconditioner two iterations on this condition number leave the
        // minimum far off.
        var q = new Quadratic();
        var minimum = q.Times(q.B, inverse: true);
        var preconditioned = new Lbfgs(new LbfgsOptions { Iterations = 2, Preconditioner = q });
        var state = preconditioned.Start(q, new double[N]);
        preconditioned.Run(q, state).ShouldBeTrue();
        Distance(state.Parameters, minimum).ShouldBeLessThan(1e-9 * Distance(minimum, new double[N]));
        q.Evaluations.ShouldBe(3);

        var plain = new Lbfgs(new LbfgsOptions { Iterations = 2 });
        var unpreconditioned = plain.Start(q, new double[N]);
        plain.Run(q, unpreconditioned);
        Distance(unpreconditioned.Parameters, minimum).ShouldBeGreaterThan(0.1 * Distance(minimum, new double[N]));
    }

    [Theory]
    [InlineData(0.0009765625)]
    [InlineData(-1.0)]
    public void A_scaled_identity_gives_plain_Lbfgs_bit_for_bit_falling_back_to_steepest_descent_if_negative(double c)
    {
        // γ = sᵀy / yᵀPy absorbs the scale: γ P = (sᵀy / yᵀy) I, and the first step is normalised to FirstStep.
        // With c a power of two every product is exact, so the run is plain L-BFGS's. With c = −1 the first
        // direction −P g ascends and the optimiser must fall back to −g.
        var q = new Quadratic();
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = 60, FirstStep = 0.1, Preconditioner = new ScaledIdentity(c) });
        var state = lbfgs.Start(q, new double[N]);
        lbfgs.Run(q, state).ShouldBeTrue();
        state.CostHistory.ShouldBeInOrder(SortDirection.Descending);
        double minimumCost = -0.5 * q.B.Zip(q.Times(q.B, inverse: true), (a, b) => a * b).Sum();
        state.Cost.ShouldBeLessThan(state.CostHistory[0] + 0.9 * (minimumCost - state.CostHistory[0]));

        var plain = new Lbfgs(new LbfgsOptions { Iterations = 60, FirstStep = 0.1 });
        var reference = plain.Start(q, new double[N]);
        plain.Run(q, reference);
        state.Parameters.ShouldBe(reference.Parameters);
    }

    [Fact]
    public void Gradient_descent_steps_along_the_preconditioned_gradient()
    {
        var q = new Quadratic();
        var gd = new GradientDescent(iterations: 1, step: 0.2, preconditioner: q);
        var m0 = Grid.Random(N, 7, -1, 1);
        var state = gd.Start(q, m0);
        var pg = q.Times(state.Gradient, inverse: true);
        double scale = pg.Max(Math.Abs);
        gd.Run(q, state);
        for (int i = 0; i < N; i++)
            state.Parameters[i].ShouldBe(m0[i] - 0.2 / scale * pg[i], 1e-15);
    }
}
