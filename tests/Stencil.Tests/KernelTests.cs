using Stencil.Tests.Kernels;
using Darcy = Geothermal2D.Darcy;

namespace Stencil.Tests;

/// <summary>Whole kernels against hand-written loops, on the native CPU backend and the ILGPU simulator.</summary>
[Collection(BackendCollection.Name)]
public sealed class KernelTests(BackendFixture backends)
{
    public static TheoryData<string> BackendNames => new() { "cpu", "ilgpu-cpu" };

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Darcy_residuals_match_hand_written_loops(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 9, ny = 7;
        double dx = 2.0 / nx, dy = 1.0 / ny;
        var qx = Grid.Random((nx + 1) * ny, 1, -1, 1);
        var qy = Grid.Random(nx * (ny + 1), 2, -1, 1);
        var pf = Grid.Random(nx * ny, 3, -1, 1);
        var k = Grid.Random(nx * ny, 4, 1e-3, 2);
        var qf = Grid.Random(nx * ny, 5, -1, 1);
        using var Qx = Grid.Upload(backend, qx, nx + 1, ny);
        using var Qy = Grid.Upload(backend, qy, nx, ny + 1);
        using var Pf = Grid.Upload(backend, pf, nx, ny);
        using var K = Grid.Upload(backend, k, nx, ny);
        using var Qf = Grid.Upload(backend, qf, nx, ny);
        using var Rqx = backend.Allocate<double>(nx + 1, ny);
        using var Rqy = backend.Allocate<double>(nx, ny + 1);
        using var RPf = backend.Allocate<double>(nx, ny);
        Rqx.Fill(7.0);
        Rqy.Fill(7.0);

        Darcy.ResidualFluxes(backend, Rqx, Rqy, Qx, Qy, Pf, K, dx, dy);
        Darcy.ResidualPressure(backend, RPf, Qx, Qy, Qf, dx, dy);

        // Reference: Rq = q + K grad Pf on inner faces (boundary faces untouched), RPf = div q - Qf.
        var rqx = Enumerable.Repeat(7.0, (nx + 1) * ny).ToArray();
        var rqy = Enumerable.Repeat(7.0, nx * (ny + 1)).ToArray();
        var rpf = new double[nx * ny];
        for (int j = 0; j < ny; j++)
            for (int i = 1; i < nx; i++)
                rqx[i + (nx + 1) * j] = qx[i + (nx + 1) * j] + 0.5 * (k[i - 1 + nx * j] + k[i + nx * j]) * (pf[i + nx * j] - pf[i - 1 + nx * j]) / dx;
        for (int j = 1; j < ny; j++)
            for (int i = 0; i < nx; i++)
                rqy[i + nx * j] = qy[i + nx * j] + 0.5 * (k[i + nx * (j - 1)] + k[i + nx * j]) * (pf[i + nx * j] - pf[i + nx * (j - 1)]) / dy;
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                rpf[i + nx * j] = (qx[i + 1 + (nx + 1) * j] - qx[i + (nx + 1) * j]) / dx + (qy[i + nx * (j + 1)] - qy[i + nx * j]) / dy - qf[i + nx * j];

        Grid.ShouldMatch(Rqx.ToArray(), rqx, 1e-14, "Rqx");
        Grid.ShouldMatch(Rqy.ToArray(), rqy, 1e-14, "Rqy");
        Grid.ShouldMatch(RPf.ToArray(), rpf, 1e-14, "RPf");
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Diffusion3D_matches_hand_written_loop(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 6, ny = 5, nz = 4;
        double lam = 1.3, dt = 0.01, dx = 0.2, dy = 0.25, dz = 0.3;
        var t = Grid.Random(nx * ny * nz, 6);
        var ci = Grid.Random(nx * ny * nz, 7);
        using var T = Grid.Upload(backend, t, nx, ny, nz);
        using var Ci = Grid.Upload(backend, ci, nx, ny, nz);
        using var T2 = Grid.Upload(backend, t, nx, ny, nz);

        Samples.Diffusion3D(backend, T2, T, Ci, lam, dt, dx, dy, dz);

        var expected = (double[])t.Clone();
        int I(int x, int y, int z) => x + nx * (y + ny * z);
        for (int z = 1; z < nz - 1; z++)
            for (int y = 1; y < ny - 1; y++)
                for (int x = 1; x < nx - 1; x++)
                {
                    double lap = (t[I(x + 1, y, z)] - 2 * t[I(x, y, z)] + t[I(x - 1, y, z)]) / (dx * dx)
                               + (t[I(x, y + 1, z)] - 2 * t[I(x, y, z)] + t[I(x, y - 1, z)]) / (dy * dy)
                               + (t[I(x, y, z + 1)] - 2 * t[I(x, y, z)] + t[I(x, y, z - 1)]) / (dz * dz);
                    expected[I(x, y, z)] = t[I(x, y, z)] + dt * lam * ci[I(x, y, z)] * lap;
                }
        Grid.ShouldMatch(T2.ToArray(), expected, 1e-13, "T2");
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Index_form_power_law_residual_matches_hand_written_loop(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 12;
        double dx = 0.3;
        var h = Grid.Random(nx, 8);
        var n = Grid.Random(nx, 9, 1, 3);
        using var H = Grid.Upload(backend, h, nx);
        using var N = Grid.Upload(backend, n, nx);
        using var R = backend.Allocate<double>(nx);

        Samples.PowerLawResidual(backend, R, H, N, dx);

        var expected = new double[nx];
        for (int i = 1; i < nx - 1; i++)
            expected[i] = (Math.Pow(h[i - 1], n[i - 1] + 1) - 2 * Math.Pow(h[i], n[i] + 1) + Math.Pow(h[i + 1], n[i + 1] + 1)) / (dx * dx) / (n[i] + 1);
        Grid.ShouldMatch(R.ToArray(), expected, 1e-14, "R");
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Boundary_condition_kernel_touches_only_the_boundary_columns(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 6, ny = 4;
        var a = Grid.Random(nx * ny, 10);
        using var A = Grid.Upload(backend, a, nx, ny);

        Samples.BoundaryX(backend, A);

        var expected = (double[])a.Clone();
        for (int j = 0; j < ny; j++)
        {
            expected[0 + nx * j] = a[1 + nx * j];
            expected[nx - 1 + nx * j] = a[nx - 2 + nx * j];
        }
        Grid.ShouldMatch(A.ToArray(), expected, 0, "A");
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Float_kernel_updates_in_place(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 5, ny = 3;
        var h = Grid.Random(nx * ny, 11).Select(v => (float)v).ToArray();
        var r = Grid.Random(nx * ny, 12, -2, 2).Select(v => (float)v).ToArray();
        using var H = backend.Allocate<float>(nx, ny);
        using var R = backend.Allocate<float>(nx, ny);
        H.CopyFromHost(h);
        R.CopyFromHost(r);

        Samples.ScaledUpdate(backend, H, R, 0.1f);

        var actual = H.ToArray();
        for (int i = 0; i < h.Length; i++)
            actual[i].ShouldBe(h[i] + 0.1f * MathF.Sqrt(MathF.Abs(r[i])), 1e-6f);
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Locals_branches_and_guards_follow_CSharp_semantics(string backendName)
    {
        var backend = backends.Get(backendName);
        int nx = 8, ny = 3;
        double cap = 2.5;
        var k = Grid.Random(nx * ny, 13, 0, 3);
        var m = Grid.Random(nx * ny, 14, -1, 1);
        using var K = Grid.Upload(backend, k, nx, ny);
        using var M = Grid.Upload(backend, m, nx, ny);
        using var F = Grid.Upload(backend, Enumerable.Repeat(-5.0, (nx - 1) * ny).ToArray(), nx - 1, ny);

        Samples.Limiter(backend, F, K, M, cap);

        var expected = Enumerable.Repeat(-5.0, (nx - 1) * ny).ToArray();
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx - 1; i++)
            {
                double kk = 0.5 * (k[i + nx * j] + k[i + 1 + nx * j]);
                kk = kk > 1.0 ? kk * 2 : Math.Max(kk, 0.25);
                double limited = kk > cap ? cap : kk;
                if (0.5 * (m[i + nx * j] + m[i + 1 + nx * j]) > 0)
                    expected[i + (nx - 1) * j] = Math.Min(limited, 10.0) - (k[i + 1 + nx * j] - k[i + nx * j]);
            }
        Grid.ShouldMatch(F.ToArray(), expected, 1e-14, "F");
    }
}
