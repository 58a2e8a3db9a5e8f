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
