using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>
/// Partial derivatives at points where their formula is 0 * inf or 0 / 0 but the derivative has a
/// finite limit: the adjoint gives the limit, checked against the derivatives written by hand.
/// </summary>
public sealed class DerivativeLimitTests
{
    [Fact]
    public void Pow_Sqrt_and_Clamp_have_finite_derivatives_at_zero()
    {
        double[] h = [0, 0.5, 2, 0], n = [3, 2, 1.5, 1];
        using var backend = Backends.Cpu(1);
        using var R = backend.Allocate<double>(4);
        using var H = backend.Allocate<double>(4);
        using var N = backend.Allocate<double>(4);
        using var Rbar = backend.Allocate<double>(4);
        using var Hbar = backend.Allocate<double>(4);
        using var Nbar = backend.Allocate<double>(4);
        H.CopyFromHost(h);
        N.CopyFromHost(n);
        Rbar.CopyFromHost([1.0, 1.0, 1.0, 1.0]);

        Samples.PowersAtZero(backend, R, H, N);
        Samples.PowersAtZeroVjp(backend, R.With(Rbar), H.With(Hbar), N.With(Nbar));

        // R = h^n + sqrt(h^4) + clamp(h, 0.25, 1.5); dR/dh = n h^(n-1) + 2h + [0.25 < h < 1.5]; dR/dn = h^n log h (0 at h = 0).
        var r = R.ToArray();
        var hBar = Hbar.ToArray();
        var nBar = Nbar.ToArray();
        for (int i = 0; i < 4; i++)
        {
            r[i].ShouldBe(Math.Pow(h[i], n[i]) + h[i] * h[i] + Math.Clamp(h[i], 0.25, 1.5), 1e-15, $"R at {i}");
            double dh = n[i] * Math.Pow(h[i], n[i] - 1) + 2 * h[i] + (h[i] > 0.25 && h[i] < 1.5 ? 1 : 0);
            double dn = h[i] == 0 ? 0 : Math.Pow(h[i], n[i]) * Math.Log(h[i]);
            hBar[i].ShouldBe(dh, 1e-14, $"dR/dH at {i}");
            nBar[i].ShouldBe(dn, 1e-14, $"dR/dn at {i}");
        }
    }
}
