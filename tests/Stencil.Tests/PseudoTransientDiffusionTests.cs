using Diffusion3D;

namespace Stencil.Tests;

/// <summary>The 3D nonlinear pseudo-transient benchmark: one iteration of its kernels against the published update written as loops.</summary>
public sealed class PseudoTransientDiffusionTests
{
    private const int N = 9;
    private const double L = 10, Dt = 0.2, Resc = 1 / 1.2;

    [Fact]
    public void One_iteration_of_the_kernels_is_the_published_update_written_as_loops()
    {
        double d = L / N, vpdt = d / Math.Sqrt(3);
        var h = Grid.Random((long)N * N * N, 1, 0.5, 1.5);
        var hold = h.Select(v => 0.9 * v).ToArray();
        var qx = Grid.Random((N - 1) * (N - 2) * (N - 2), 2, -0.1, 0.1);
        var qy = Grid.Random((N - 2) * (N - 1) * (N - 2), 3, -0.1, 0.1);
        var qz = Grid.Random((N - 2) * (N - 2) * (N - 1), 4, -0.1, 0.1);

        using var backend = Backends.Cpu(2);
        using var H = Grid.Upload(backend, h, N, N, N);
        using var Hold = Grid.Upload(backend, hold, N, N, N);
        using var Qx = Grid.Upload(backend, qx, N - 1, N - 2, N - 2);
        using var Qy = Grid.Upload(backend, qy, N - 2, N - 1, N - 2);
        using var Qz = Grid.Upload(backend, qz, N - 2, N - 2, N - 1);
        NonlinearDiffusion.Fluxes(backend, Qx, Qy, Qz, H, vpdt, Resc, Dt, L, d, d, d);
        NonlinearDiffusion.Update(backend, H, Hold, Qx, Qy, Qz, vpdt, Resc, Dt, L, d, d, d);

        // The published compute_flux! and compute_update!, 0-based.
        double At(double[] a, int nx, int ny, int i, int j, int k) => a[i + nx * (j + ny * k)];
        double Tau(double h3) => L / vpdt / (Math.PI + Math.Sqrt(Math.PI * Math.PI + L * L / h3 / Dt)) * Resc;
        double Flux(double q, double a, double b)
        {
            double h3 = Math.Pow((a + b) / 2, 3), t = Tau(h3);
            return (q * t - h3 * (b - a) / d) / (1 + t);
        }
        var ex = new double[qx.Length];
        var ey = new double[qy.Length];
        var ez = new double[qz.Length];
        for (int k = 0; k < N - 2; k++)
            for (int j = 0; j < N - 2; j++)
                for (int i = 0; i < N - 1; i++)
                    ex[i + (N - 1) * (j + (N - 2) * k)] = Flux(At(qx, N - 1, N - 2, i, j, k), At(h, N, N, i, j + 1, k + 1), At(h, N, N, i + 1, j + 1, k + 1));
        for (int k = 0; k < N - 2; k++)
            for (int j = 0; j < N - 1; j++)
                for (int i = 0; i < N - 2; i++)
                    ey[i + (N - 2) * (j + (N - 1) * k)] = Flux(At(qy, N - 2, N - 1, i, j, k), At(h, N, N, i + 1, j, k + 1), At(h, N, N, i + 1, j + 1, k + 1));
        for (int k = 0; k < N - 1; k++)
            for (int j = 0; j < N - 2; j++)
                for (int i = 0; i < N - 2; i++)
                    ez[i + (N - 2) * (j + (N - 2) * k)] = Flux(At(qz, N - 2, N - 2, i, j, k), At(h, N, N, i + 1, j + 1, k), At(h, N, N, i + 1, j + 1, k + 1));
        var eh = (double[])h.Clone();
        for (int k = 1; k < N - 1; k++)
            for (int j = 1; j < N - 1; j++)
                for (int i = 1; i < N - 1; i++)
                {
                    double h3 = Math.Pow(At(h, N, N, i, j, k), 3);
                    double dtRho = vpdt * L / h3 / (Math.PI + Math.Sqrt(Math.PI * Math.PI + L * L / h3 / Dt)) * Resc;
                    double div = (At(ex, N - 1, N - 2, i, j - 1, k - 1) - At(ex, N - 1, N - 2, i - 1, j - 1, k - 1)) / d
                        + (At(ey, N - 2, N - 1, i - 1, j, k - 1) - At(ey, N - 2, N - 1, i - 1, j - 1, k - 1)) / d
                        + (At(ez, N - 2, N - 2, i - 1, j - 1, k) - At(ez, N - 2, N - 2, i - 1, j - 1, k - 1)) / d;
                    eh[i + N * (j + N * k)] = (At(h, N, N, i, j, k) + dtRho * (At(hold, N, N, i, j, k) / Dt - div)) / (1 + dtRho / Dt);
                }

        // The kernels multiply by reciprocals of dx, dt, ...: each quotient rounds differently, by about an ulp.
        Compare(Qx.ToArray(), ex, "qx");
        Compare(Qy.ToArray(), ey, "qy");
        Compare(Qz.ToArray(), ez, "qz");
        Compare(H.ToArray(), eh, "H");
    }

    private static void Compare(double[] actual, double[] expected, string name)
    {
        actual.Length.ShouldBe(expected.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < actual.Length; i++) actual[i].ShouldBe(expected[i], 1e-12 * scale, $"{name}[{i}]");
    }
}
