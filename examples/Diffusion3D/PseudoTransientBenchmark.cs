using System.Diagnostics;
using Stencil;

namespace Diffusion3D;

/// <summary>
/// PseudoTransientDiffusion's published 3D nonlinear case: lx = ly = lz = 10, a Gaussian H0, five
/// implicit time steps of dt = 0.2, each iterated in pseudo-time until ‖R‖₂ / (number of inner
/// points) &lt; 1e-8, checked every 10 iterations; CFL 1/√3, Re scaled by 1/1.2. A PT iteration is
/// the two kernels <see cref="NonlinearDiffusion.Fluxes"/> and <see cref="NonlinearDiffusion.Update"/>;
/// every tenth also computes the residual and its norm.
/// </summary>
internal sealed class PseudoTransientBenchmark : IDisposable
{
    public const double L = 10, Dt = 0.2, Tolerance = 1e-8, Resc = 1 / 1.2;
    public const int Steps = 5, CheckEvery = 10, MaxIterations = 100_000;

    private readonly Backend _backend;
    private readonly Field<double> _h, _hold, _qx, _qy, _qz, _px, _py, _pz, _r;
    private readonly double _d, _vpdt;

    public PseudoTransientBenchmark(Backend backend, int n)
    {
        _backend = backend;
        _d = L / n;
        _vpdt = 1 / Math.Sqrt(3) * _d;
        _h = backend.Allocate<double>(n, n, n);
        _hold = backend.Allocate<double>(n, n, n);
        _qx = backend.Allocate<double>(n - 1, n - 2, n - 2);
        _qy = backend.Allocate<double>(n - 2, n - 1, n - 2);
        _qz = backend.Allocate<double>(n - 2, n - 2, n - 1);
        _px = backend.Allocate<double>(n - 1, n - 2, n - 2);
        _py = backend.Allocate<double>(n - 2, n - 1, n - 2);
        _pz = backend.Allocate<double>(n - 2, n - 2, n - 1);
        _r = backend.Allocate<double>(n - 2, n - 2, n - 2);
        var h0 = new double[(long)n * n * n];
        for (int iz = 0; iz < n; iz++)
            for (int iy = 0; iy < n; iy++)
                for (int ix = 0; ix < n; ix++)
                {
                    double x = ix * _d - L / 2 + _d / 2, y = iy * _d - L / 2 + _d / 2, z = iz * _d - L / 2 + _d / 2;
                    h0[ix + (long)n * (iy + (long)n * iz)] = Math.Exp(-x * x - y * y - z * z);
                }
        _h.CopyFromHost(h0);
        _hold.CopyFromHost(h0);
        foreach (var q in new[] { _qx, _qy, _qz }) q.Fill(0);
    }

    /// <summary>
    /// Bytes a PT iteration must move: H and the three fluxes read and written, H_old read
    /// (A_eff = (2 D_u + D_k) × points × 8 B with D_u = 4, D_k = 1, each array at its own size).
    /// </summary>
    public double BytesPerIteration => 8.0 * (2 * (_h.Length + _qx.Length + _qy.Length + _qz.Length) + _hold.Length);

    /// <summary>One PT iteration: the two kernels.</summary>
    public void Iterate()
    {
        NonlinearDiffusion.Fluxes(_backend, _qx, _qy, _qz, _h, _vpdt, Resc, Dt, L, _d, _d, _d);
        NonlinearDiffusion.Update(_backend, _h, _hold, _qx, _qy, _qz, _vpdt, Resc, Dt, L, _d, _d, _d);
    }

    /// <summary>‖R‖₂ / (number of inner points), the published criterion.</summary>
    public double Error()
    {
        NonlinearDiffusion.PhysicalFluxes(_backend, _px, _py, _pz, _h, _d, _d, _d);
        NonlinearDiffusion.Residual(_backend, _r, _h, _hold, _px, _py, _pz, Dt, _d, _d, _d);
        return Reduce.Norm2(_r) / _r.Length;
    }

    /// <summary>The five time steps, each to convergence: PT iterations per step, and the seconds of all of them (checks included).</summary>
    public (int[] Iterations, double Seconds) Run()
    {
        var iterations = new int[Steps];
        var watch = Stopwatch.StartNew();
        for (int step = 0; step < Steps; step++)
        {
            double error = double.PositiveInfinity;
            int it = 0;
            while (error > Tolerance && it < MaxIterations)
            {
                Iterate();
                it++;
                if (it % CheckEvery == 0)
                {
                    error = Error();
                    if (!double.IsFinite(error)) throw new SolverDivergedException("H", it, error, $"The residual became {error} at iteration {it} of step {step + 1}.");
                }
            }
            iterations[step] = it;
            Heat.Copy(_backend, _hold, _h);
        }
        _backend.Synchronize();
        return (iterations, watch.Elapsed.TotalSeconds);
    }

    public double MaxH() => _h.ToArray().Max();

    public void Dispose()
    {
        foreach (var f in new[] { _h, _hold, _qx, _qy, _qz, _px, _py, _pz, _r }) f.Dispose();
    }
}
