using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Darcy = Geothermal2D.Darcy;

namespace Stencil.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of single launches on the grids of a PT iteration, where a
/// launch's fixed cost (argument checks, the hand-off to the worker threads) is a visible part of its
/// time, which the T_eff harness's large grids hide: the geothermal example's residual kernels and
/// the flux adjoint, on its smallest grid of the scaling study (63x31, run on the calling thread,
/// under <c>CpuBackend.SerialPoints</c>) and on its default grid (255x127, on the workers).
/// MemoryDiagnoser reports the bytes a launch allocates. Run with
/// <c>dotnet run -c Release --project tests/Stencil.Benchmarks -- --micro</c>; BenchmarkDotNet's own
/// options may follow (<c>--filter *Pressure*</c>). It runs in the harness's process
/// (<see cref="InProcessEmitToolchain"/>), so it needs no build of its own.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcess))]
public class LaunchBenchmarks : IDisposable
{
    private sealed class InProcess : ManualConfig
    {
        public InProcess() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private CpuBackend _backend = null!;
    private Field<double>[] _fields = [];
    private Field<double> _qx = null!, _qy = null!, _pf = null!, _k = null!, _rqx = null!, _rqy = null!;
    private Field<double> _rpf = null!, _qf = null!, _rqxBar = null!, _rqyBar = null!, _pfBar = null!, _kBar = null!;
    private double _dx, _dy;

    /// <summary>Cells along x; y has (Nx + 1) / 2 - 1, as the example's grids.</summary>
    [Params(63, 255)]
    public int Nx { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int nx = Nx, ny = (Nx + 1) / 2 - 1;
        _backend = Backends.Cpu();
        _dx = 2.0 / nx;
        _dy = 1.0 / ny;
        int seed = 0;
        Field<double> Make(int x, int y)
        {
            var field = _backend.Allocate<double>(x, y);
            var random = new Random(++seed);
            field.CopyFromHost(Enumerable.Range(0, x * y).Select(_ => 0.5 + random.NextDouble()).ToArray());
            return field;
        }
        _fields =
        [
            _qx = Make(nx + 1, ny), _qy = Make(nx, ny + 1), _pf = Make(nx, ny), _k = Make(nx, ny),
            _rqx = Make(nx + 1, ny), _rqy = Make(nx, ny + 1), _rpf = Make(nx, ny), _qf = Make(nx, ny),
            _rqxBar = Make(nx + 1, ny), _rqyBar = Make(nx, ny + 1), _pfBar = Make(nx, ny), _kBar = Make(nx, ny),
        ];
    }

    [Benchmark]
    public void ResidualFluxes() => Darcy.ResidualFluxes(_backend, _rqx, _rqy, _qx, _qy, _pf, _k, _dx, _dy);

    [Benchmark]
    public void ResidualPressure() => Darcy.ResidualPressure(_backend, _rpf, _qx, _qy, _qf, _dx, _dy);

    [Benchmark]
    public void ResidualFluxesAdjoint() => Darcy.ResidualFluxesVjp(_backend, _rqx.With(_rqxBar), _rqy.With(_rqyBar), _qx, _qy,
        _pf.With(_pfBar), _k.With(_kBar), _dx, _dy);

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var field in _fields) field.Dispose();
        _backend?.Dispose();
    }
}
