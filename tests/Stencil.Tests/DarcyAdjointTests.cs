using Stencil.Tests.Kernels;
using Darcy = Geothermal2D.Darcy;

namespace Stencil.Tests;

/// <summary>The adjoints of the geothermal residuals (the published geothermal case) against adjoint loops derived by hand.</summary>
[Collection(BackendCollection.Name)]
public sealed class DarcyAdjointTests(BackendFixture backends)
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void Flux_and_pressure_adjoints_match_hand_derived_loops(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 9, ny = 7;
        double dx = 2.0 / nx, dy = 1.0 / ny;
        var pf = Grid.Random(nx * ny, 1, -1, 1);
        var k = Grid.Random(nx * ny, 2, 0.1, 2);
        var rqxBar = Grid.Random((nx + 1) * ny, 3, -1, 1);
        var rqyBar = Grid.Random(nx * (ny + 1), 4, -1, 1);
        var rpfBar = Grid.Random(nx * ny, 5, -1, 1);
        var pfBar0 = Grid.Random(nx * ny, 6, -1, 1);   // adjoints accumulate onto what is there

        using var Pf = Grid.Upload(backend, pf, nx, ny);
        using var K = Grid.Upload(backend, k, nx, ny);
        using var Qx = backend.Allocate<double>(nx + 1, ny);
        using var Qy = backend.Allocate<double>(nx, ny + 1);
        using var Qf = backend.Allocate<double>(nx, ny);
        using var Rqx = backend.Allocate<double>(nx + 1, ny);
        using var Rqy = backend.Allocate<double>(nx, ny + 1);
        using var RPf = backend.Allocate<double>(nx, ny);
        using var RqxBar = Grid.Upload(backend, rqxBar, nx + 1, ny);
        using var RqyBar = Grid.Upload(backend, rqyBar, nx, ny + 1);
        using var RPfBar = Grid.Upload(backend, rpfBar, nx, ny);
        using var PfBar = Grid.Upload(backend, pfBar0, nx, ny);
        using var KBar = backend.Allocate<double>(nx, ny);
        using var QxBar = backend.Allocate<double>(nx + 1, ny);
        using var QyBar = backend.Allocate<double>(nx, ny + 1);
        using var QfBar = backend.Allocate<double>(nx, ny);

        Darcy.ResidualFluxesVjp(backend, Rqx.With(RqxBar), Rqy.With(RqyBar), Qx.With(QxBar), Qy.With(QyBar), Pf.With(PfBar), K.With(KBar), dx, dy);
        Darcy.ResidualPressureVjp(backend, RPf.With(RPfBar), Qx.With(QxBar), Qy.With(QyBar), Qf.With(QfBar), dx, dy);

        // Scatter form, written from the residuals: Rqx[i,j] = qx[i,j] + 0.5 (K[i-1,j] + K[i,j]) (Pf[i,j] - Pf[i-1,j]) / dx, 1 <= i <= nx-1.
        var pfBar = (double[])pfBar0.Clone();
        var kBar = new double[nx * ny];
        var qxBar = new double[(nx + 1) * ny];
        var qyBar = new double[nx * (ny + 1)];
        var qfBar = new double[nx * ny];
        for (int j = 0; j < ny; j++)
            for (int i = 1; i < nx; i++)
            {
                double r = rqxBar[i + (nx + 1) * j];
                qxBar[i + (nx + 1) * j] += r;
                double kf = 0.5 * (k[i - 1 + nx * j] + k[i + nx * j]), dp = pf[i + nx * j] - pf[i - 1 + nx * j];
                pfBar[i + nx * j] += r * kf / dx;
                pfBar[i - 1 + nx * j] -= r * kf / dx;
                kBar[i + nx * j] += r * 0.5 * dp / dx;
                kBar[i - 1 + nx * j] += r * 0.5 * dp / dx;
            }
        for (int j = 1; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double r = rqyBar[i + nx * j];
                qyBar[i + nx * j] += r;
                double kf = 0.5 * (k[i + nx * (j - 1)] + k[i + nx * j]), dp = pf[i + nx * j] - pf[i + nx * (j - 1)];
                pfBar[i + nx * j] += r * kf / dy;
                pfBar[i + nx * (j - 1)] -= r * kf / dy;
                kBar[i + nx * j] += r * 0.5 * dp / dy;
                kBar[i + nx * (j - 1)] += r * 0.5 * dp / dy;
            }
        // RPf[i,j] = (qx[i+1,j] - qx[i,j]) / dx + (qy[i,j+1] - qy[i,j]) / dy - Qf[i,j].
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double r = rpfBar[i + nx * j];
                qxBar[i + 1 + (nx + 1) * j] += r / dx;
                qxBar[i + (nx + 1) * j] -= r / dx;
                qyBar[i + nx * (j + 1)] += r / dy;
                qyBar[i + nx * j] -= r / dy;
                qfBar[i + nx * j] -= r;
            }

        Grid.ShouldMatch(PfBar.ToArray(), pfBar, 1e-12, "PfBar");
        Grid.ShouldMatch(KBar.ToArray(), kBar, 1e-12, "KBar");
        Grid.ShouldMatch(QxBar.ToArray(), qxBar, 1e-12, "QxBar");
        Grid.ShouldMatch(QyBar.ToArray(), qyBar, 1e-12, "QyBar");
        Grid.ShouldMatch(QfBar.ToArray(), qfBar, 1e-12, "QfBar");
        Grid.ShouldMatch(RqxBar.ToArray(), rqxBar, 0, "RqxBar is a seed: read, not changed");
    }

    [Fact]
    public void Inactive_inputs_are_untouched_and_missing_seeds_are_rejected()
    {
        var backend = backends.Cpu;
        int nx = 5, ny = 4;
        using var Pf = backend.Allocate<double>(nx, ny);
        using var K = backend.Allocate<double>(nx, ny);
        using var Qx = backend.Allocate<double>(nx + 1, ny);
        using var Qy = backend.Allocate<double>(nx, ny + 1);
        using var Rqx = backend.Allocate<double>(nx + 1, ny);
        using var Rqy = backend.Allocate<double>(nx, ny + 1);
        using var RqxBar = Grid.Upload(backend, Grid.Random((nx + 1) * ny, 1), nx + 1, ny);
        using var RqyBar = Grid.Upload(backend, Grid.Random(nx * (ny + 1), 2), nx, ny + 1);
        using var KBar = backend.Allocate<double>(nx, ny);

        Darcy.ResidualFluxesVjp(backend, Rqx.With(RqxBar), Rqy.With(RqyBar), Qx, Qy, Pf, K.With(KBar), 1, 1);
        KBar.ToArray().ShouldAllBe(v => v == 0, "Pf is zero, so dR/dK is zero");

        var e = Should.Throw<ArgumentException>(() => Darcy.ResidualFluxesVjp(backend, Rqx, Rqy.With(RqyBar), Qx, Qy, Pf, K.With(KBar), 1, 1));
        e.Message.ShouldContain("pass Rqx.With(RqxBar)");
        using var wrong = backend.Allocate<double>(nx, ny);
        Should.Throw<ArgumentException>(() => Darcy.ResidualFluxesVjp(backend, Rqx.With(RqxBar), Rqy.With(RqyBar), Qx.With(wrong), Qy, Pf, K, 1, 1))
            .Message.ShouldContain("the adjoint of 'Qx' is 5x4 but 'Qx' is 6x4");
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void Float_kernel_passes_the_dot_product_test_to_single_precision(string backendName)
    {
        var backend = backends.Get(backendName);
        using var H = backend.Allocate<float>(5, 4);
        using var R = backend.Allocate<float>(5, 4);
        H.CopyFromHost(Grid.Random(20, 1).Select(v => (float)v).ToArray());
        R.CopyFromHost(Grid.Random(20, 2, 0.2, 2).Select(v => (float)v).ToArray());
        var result = Derivatives.DotProductTest(backend, Samples.ScaledUpdateKernel, [H, R], [0.1]);
        result.RelativeError.ShouldBeLessThan(1e-5, result.ToString());
    }
}
