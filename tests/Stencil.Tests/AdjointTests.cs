namespace Stencil.Tests;

/// <summary>
/// The generated adjoints read like the math of the verification standards: the dot-product test
/// &lt;J v, w&gt; = &lt;v, J^T w&gt; for every kernel of the tests, on both backends, and the Taylor test
/// for the nonlinear ones.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class AdjointTests(BackendFixture backends)
{
    public static TheoryData<string, string> KernelsOnBackends()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { "cpu", "ilgpu-cpu" })
            foreach (var setup in KernelSetups.All())
                data.Add(backend, setup.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsOnBackends))]
    public void Dot_product_test_holds_to_1e12(string backendName, string kernel)
    {
        var backend = backends.Get(backendName);
        var setup = KernelSetups.Get(kernel);
        var fields = setup.Fields(backend);
        try
        {
            var result = Derivatives.DotProductTest(backend, setup.Kernel, fields, setup.Scalars);
            result.Forward.ShouldNotBe(0.0);
            result.RelativeError.ShouldBeLessThan(1e-12, result.ToString());
        }
        finally
        {
            foreach (var f in fields) f.Dispose();
        }
    }

    /// <summary>The dot-product test checks the adjoint against the tangent; this checks the tangent against the forward kernel.</summary>
    [Theory]
    [MemberData(nameof(KernelsOnCpu))]
    public void Tangent_matches_central_differences_of_the_forward_kernel(string kernel)
    {
        var backend = backends.Cpu;
        var setup = KernelSetups.Get(kernel);
        var fields = setup.Fields(backend);
        var k = setup.Kernel;
        var x = fields.Select(f => f.ToArray()).ToArray();
        var random = new Random(5);
        var v = x.Select((values, i) => values.Select(_ => k.Inputs[i] ? 2 * random.NextDouble() - 1 : 0).ToArray()).ToArray();
        const double h = 1e-6;

        double[][] Forward(double step)
        {
            var copies = fields.Select((f, i) => Grid.Like(f, x[i].Select((value, j) => value + step * v[i][j]).ToArray())).ToArray();
            k.Forward(backend, copies, setup.Scalars);
            var result = copies.Select(c => c.ToArray()).ToArray();
            foreach (var c in copies) c.Dispose();
            return result;
        }

        var plus = Forward(h);
        var minus = Forward(-h);
        var tangents = fields.Select((f, i) => Grid.Like(f, v[i])).ToArray();
        k.Tangent(backend, fields, tangents, setup.Scalars);

        for (int i = 0; i < fields.Length; i++)
        {
            if (!k.Written[i]) continue;
            var jv = tangents[i].ToArray();
            var expected = plus[i].Zip(minus[i], (p, m) => (p - m) / (2 * h)).ToArray();
            double scale = expected.Select(Math.Abs).Max() + 1e-12;
            for (int j = 0; j < jv.Length; j++)
                Math.Abs(jv[j] - expected[j]).ShouldBeLessThan(1e-6 * scale, $"{k.Fields[i]}[{j}]: tangent {jv[j]}, central difference {expected[j]}");
        }
        foreach (var f in fields.Concat(tangents)) f.Dispose();
    }

    public static TheoryData<string> KernelsOnCpu() => KernelSetups.Names();

    [Fact]
    public void Taylor_test_perturbs_each_point_relative_to_its_value_on_a_field_spanning_400x()
    {
        // H from 0.5 to 200 (a viscosity's range), exponent n + 1 = 4: perturbations a fraction of 200 everywhere leave the asymptotic range at 0.5.
        using var backend = Backends.Cpu(1);
        int nx = 40;
        using var R = backend.Allocate<double>(nx);
        using var H = backend.Allocate<double>(nx);
        using var n = backend.Allocate<double>(nx);
        H.CopyFromHost(Enumerable.Range(0, nx).Select(i => i % 2 == 0 ? 0.5 + 0.01 * i : 200.0 - i).ToArray());
        n.CopyFromHost(Enumerable.Repeat(3.0, nx).ToArray());

        var result = Derivatives.TaylorTest(backend, Stencil.Tests.Kernels.Samples.PowerLawResidualKernel, [R, H, n], [0.3]);

        result.Slope0.ShouldBe(1.0, 0.1, result.ToString());
        result.Slope1.ShouldBe(2.0, 0.1, result.ToString());
        result.Passed.ShouldBeTrue(result.ToString());
    }

    [Fact]
    public void Taylor_test_of_a_linear_kernel_says_that_r1_is_at_round_off()
    {
        using var backend = Backends.Cpu(1);
        int nx = 12, ny = 9;
        var random = new Random(5);
        Field<double> Filled(int x, int y)
        {
            var f = backend.Allocate<double>(x, y);
            f.CopyFromHost(Enumerable.Range(0, x * y).Select(_ => random.NextDouble()).ToArray());
            return f;
        }
        using var RPf = backend.Allocate<double>(nx, ny);
        using var qx = Filled(nx + 1, ny);
        using var qy = Filled(nx, ny + 1);
        using var Qf = Filled(nx, ny);

        var result = Derivatives.TaylorTest(backend, Geothermal2D.Darcy.ResidualPressureKernel, [RPf, qx, qy, Qf], [0.1, 0.2]);

        result.R1AtRoundOff.ShouldBeTrue(result.ToString());
        double.IsNaN(result.Slope1).ShouldBeTrue(result.ToString());
        result.Slope0.ShouldBe(1.0, 0.1, result.ToString());
        result.Passed.ShouldBeTrue(result.ToString());
        result.ToString().ShouldContain("r1 is at round-off at every step");
    }

    [Fact]
    public void Taylor_test_fails_a_wrong_gradient()
    {
        // The same linear kernel with dy given to the adjoint as 0.25 instead of 0.2: r1 falls with slope 1, not 2, and is far above round-off.
        using var backend = Backends.Cpu(1);
        var wrong = new WrongScalarForAdjoint(Geothermal2D.Darcy.ResidualPressureKernel);
        using var RPf = backend.Allocate<double>(6, 5);
        using var qx = backend.Allocate<double>(7, 5);
        using var qy = backend.Allocate<double>(6, 6);
        using var Qf = backend.Allocate<double>(6, 5);
        qy.CopyFromHost(Enumerable.Range(0, 36).Select(i => 1.0 + i).ToArray());

        var result = Derivatives.TaylorTest(backend, wrong, [RPf, qx, qy, Qf], [0.1, 0.2]);

        result.R1AtRoundOff.ShouldBeFalse(result.ToString());
        result.Passed.ShouldBeFalse(result.ToString());
    }

    /// <summary>A kernel whose adjoint runs with a wrong last scalar: its gradient is wrong.</summary>
    private sealed class WrongScalarForAdjoint(DifferentiableKernel<double> inner) : DifferentiableKernel<double>
    {
        public override string Name => inner.Name;
        public override int Rank => inner.Rank;
        public override IReadOnlyList<string> Fields => inner.Fields;
        public override IReadOnlyList<bool> Written => inner.Written;
        public override IReadOnlyList<bool> Inputs => inner.Inputs;
        public override IReadOnlyList<string> Scalars => inner.Scalars;
        protected override void ForwardCore(Backend backend, IReadOnlyList<Field<double>> fields, IReadOnlyList<double> scalars) => inner.Forward(backend, fields, scalars);
        protected override void TangentCore(Backend backend, IReadOnlyList<Field<double>> fields, IReadOnlyList<Field<double>> tangents, IReadOnlyList<double> scalars) => inner.Tangent(backend, fields, tangents, scalars);
        protected override void AdjointCore(Backend backend, IReadOnlyList<Field<double>> fields, IReadOnlyList<Field<double>?> adjoints, IReadOnlyList<double> scalars)
            => inner.Adjoint(backend, fields, adjoints, [scalars[0], 0.25]);
    }

    [Theory]
    [InlineData("Samples.PowerLawResidual")]
    [InlineData("Nonlinear.Diffusion3D")]
    [InlineData("Nonlinear.MassBalance")]
    [InlineData("Nonlinear.Relax")]
    public void Taylor_test_gives_slopes_1_and_2(string kernel)
    {
        var setup = KernelSetups.Get(kernel);
        var fields = setup.Fields(backends.Cpu);
        try
        {
            var result = Derivatives.TaylorTest(backends.Cpu, setup.Kernel, fields, setup.Scalars);
            result.Slope0.ShouldBe(1.0, 0.1, result.ToString());
            result.Slope1.ShouldBe(2.0, 0.1, result.ToString());
        }
        finally
        {
            foreach (var f in fields) f.Dispose();
        }
    }

    [Fact]
    public void Adjoint_is_bitwise_reproducible_across_runs_and_thread_counts()
    {
        var setup = KernelSetups.Get("Nonlinear.Diffusion3D");
        double[] Gradient(int threads)
        {
            using var backend = Backends.Cpu(threads);
            var fields = setup.Fields(backend);
            using var seed = backend.Allocate<double>(6, 5, 4);
            using var bar = backend.Allocate<double>(6, 5, 4);
            seed.CopyFromHost(Grid.Random(6 * 5 * 4, 99, -1, 1));
            setup.Kernel.Adjoint(backend, fields, [seed, bar], setup.Scalars);
            foreach (var f in fields) f.Dispose();
            return bar.ToArray();
        }

        var first = Gradient(3);
        Gradient(3).ShouldBe(first);
        Gradient(2).ShouldBe(first);
        Gradient(1).ShouldBe(first);
    }
}
