namespace Stencil.Tests;

/// <summary>Reductions and pointwise field operations against host loops, on both backends.</summary>
[Collection(BackendCollection.Name)]
public sealed class ReductionTests(BackendFixture backends)
{
    [Theory]
    [InlineData("cpu", 1)]
    [InlineData("cpu", 40_000)]
    [InlineData("ilgpu-cpu", 1)]
    [InlineData("ilgpu-cpu", 1_000)]
    public void Reductions_match_host_loops(string backendName, int n)
    {
        var backend = backends.Get(backendName);
        var x = Grid.Random(n, 1, -2, 1);
        var y = Grid.Random(n, 2, -1, 1);
        using var X = Grid.Upload(backend, x, n);
        using var Y = Grid.Upload(backend, y, n);

        Reduce.MaxAbs(X).ShouldBe(x.Max(Math.Abs));
        Reduce.Sum(X).ShouldBe(x.Sum(), 1e-12 * n);
        Reduce.Dot(X, Y).ShouldBe(x.Zip(y, (a, b) => a * b).Sum(), 1e-12 * n);
        Reduce.Norm2(X).ShouldBe(Math.Sqrt(x.Sum(v => v * v)), 1e-12 * n);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void MaxAbs_reports_NaN(string backendName)
    {
        var backend = backends.Get(backendName);
        var x = Grid.Random(3000, 3);
        x[2500] = double.NaN;
        using var X = Grid.Upload(backend, x, 30, 100);
        double.IsNaN(Reduce.MaxAbs(X)).ShouldBeTrue();
    }

    [Fact]
    public void Cpu_reductions_are_bitwise_identical_for_any_thread_count()
    {
        var x = Grid.Random(100_000, 4, -1, 1);
        double Sum(int threads)
        {
            using var backend = Backends.Cpu(threads);
            using var X = Grid.Upload(backend, x, 100_000);
            return Reduce.Sum(X);
        }
        Sum(3).ShouldBe(Sum(1));
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void Field_operations_match_host_loops(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 20, ny = 30;
        var y = Grid.Random(nx * ny, 5);
        var d = Grid.Random(nx * ny, 6);
        var x = Grid.Random(nx * ny, 7);
        using var Y = Grid.Upload(backend, y, nx, ny);
        using var D = Grid.Upload(backend, d, nx, ny);
        using var X = Grid.Upload(backend, x, nx, ny);

        FieldOps.Axpy(Y, 0.5, X);
        FieldOps.SubtractProduct(Y, D, X);
        FieldOps.Scale(Y, 2.0);
        var expected = y.Select((v, i) => 2.0 * (v + 0.5 * x[i] - d[i] * x[i])).ToArray();
        Grid.ShouldMatch(Y.ToArray(), expected, 1e-15, "Y");

        FieldOps.Copy(Y, X);
        Grid.ShouldMatch(Y.ToArray(), x, 0, "copy");

        var withNaN = (double[])x.Clone();
        withNaN[7] = double.NaN;
        D.CopyFromHost(withNaN);
        FieldOps.Indicator(D, D);
        D.ToArray().ShouldBe(withNaN.Select(v => double.IsNaN(v) ? 0.0 : 1.0).ToArray());
        FieldOps.Mask(Y, D);
        Y.ToArray().ShouldBe(x.Select((v, i) => i == 7 ? 0.0 : v).ToArray());

        // The adjoint solver's masked step: no change where the step is 0, even where x is NaN.
        var steps = d.Select((v, i) => i % 3 == 0 ? 0.0 : v).ToArray();
        var xs = x.Select((v, i) => i % 6 == 0 ? double.NaN : v).ToArray();
        Y.CopyFromHost(y);
        D.CopyFromHost(steps);
        X.CopyFromHost(xs);
        FieldOps.SubtractProductWhereNonZero(Y, D, X);
        Y.ToArray().ShouldBe(y.Select((v, i) => steps[i] != 0 ? v - steps[i] * xs[i] : v).ToArray());
        var once = Y.ToArray();
        FieldOps.SubtractProductWhereNonZeroAndClear(Y, D, X);
        Y.ToArray().ShouldBe(once.Select((v, i) => steps[i] != 0 ? v - steps[i] * xs[i] : v).ToArray());
        X.ToArray().ShouldAllBe(v => v == 0);

        using var other = backend.Allocate<double>(ny, nx);
        Should.Throw<ArgumentException>(() => FieldOps.Copy(Y, other)).Message.ShouldContain("different shapes (20x30 and 30x20)");
    }
}
