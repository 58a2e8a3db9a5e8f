using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Benchmarks;

// T_eff harness (docs/performance.md): per kernel, in one run, the copy bandwidth of the backend (T_peak,
// a generated All(B) = All(A) kernel of the same size), the forward and the adjoint T_eff. Copy,
// forward and adjoint launches alternate, so that all three see the same load of a shared machine;
// ratios are medians of the ratios within each round.
// Usage: dotnet run -c Release --project tests/Stencil.Benchmarks -- [--backend cpu|cuda|opencl|ilgpu-cpu] [--n 128,256] [--n2d 4096] [--reps 11] [--threads T] [--block-bytes B] [--indices 32|64] [--json PATH]
//        (--n 0 or --n2d 0 leaves the 3D or 2D kernels out; HarnessOptions checks the options before any measurement)
//        dotnet run -c Release --project tests/Stencil.Benchmarks -- --micro [BenchmarkDotNet options]
//        dotnet run -c Release --project tests/Stencil.Benchmarks -- --compile-kernels ASSEMBLY...
//        dotnet run -c Release --project tests/Stencil.Benchmarks -- --geothermal-scaling|--geothermal-forward [options]
// On a GPU backend every timed launch ends with Synchronize, and the C++ baseline row is left out;
// each kernel's results are first checked against the native CPU backend's (CpuCheck), and the
// harness exits with code 3 when one is off by more than CpuCheck.Tolerance.
// --micro: BenchmarkDotNet's micro-benchmarks instead (LaunchBenchmarks), its options after it.
// --startup cpu|ilgpu-cpu|cuda: the time from process start to the end of the first kernel launch (Startup).
// --geothermal-scaling and --geothermal-forward: the geothermal case's forward solve (GeothermalSolves).
// --compile-kernels ASSEMBLY...: JIT-compiles the generated CPU kernels of the assemblies and exits
// (KernelCompilation; run under DOTNET_JitDisasm to see their machine code).
if (args.Length > 0 && args[0] == "--micro")
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<LaunchBenchmarks>(args: args[1..]);
    return 0;
}
if (args.Length == 2 && args[0] == "--startup")
    return Startup.Run(args[1]);
if (args.Length > 0 && args[0] is "--geothermal-scaling" or "--geothermal-forward")
    return GeothermalSolves.Run(args[0], args[1..]);
if (args.Length > 0 && args[0] == "--compile-kernels")
{
    Console.WriteLine($"{KernelCompilation.CompileAll(args[1..])} kernel methods compiled");
    return 0;
}

if (!HarnessOptions.TryParse(args, out var options, out string optionError))
{
    Console.Error.WriteLine(optionError);
    return 2;
}
var (sizes, n2d, reps, threads, blockBytes, wideIndices, json, backendName) = options;

Backend backend;
try
{
    backend = backendName == "cpu" ? Backends.Cpu(threads) : Backends.Create(backendName);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(e.Message);   // unknown backend, or no such device
    return 2;
}
using var _ = backend;
var cpu = backend as CpuBackend;
using var reference = cpu is null ? Backends.Cpu(Environment.ProcessorCount) : null;
if (cpu is not null && blockBytes is long bytes) cpu.BlockBytes = bytes;
if (backend is IlgpuBackend ilgpu) ilgpu.WideIndices = wideIndices;
var rows = new List<ReportRow>();
if (cpu is not null) Settle();
Console.WriteLine(cpu is not null
    ? $"CPU backend, {cpu.Threads} threads, cache blocks of {cpu.BlockBytes} B per plane, vectors up to {Math.Min(cpu.VectorBits, HardwareVectorBits())} bits"
    : $"{backend.Name} backend, device {((IlgpuBackend)backend).DeviceName}, {(wideIndices ? "64-bit indices" : "32-bit indices where the fields allow them")}");
Console.WriteLine($"medians of {reps} runs; T_eff = A_eff / t, A_eff = arrays touched x points x 8 B (read+written arrays count twice)");
if (reference is not null) Console.WriteLine($"vs cpu: max |result - native CPU backend's| / max |native CPU backend's|, over the kernel's arrays after one launch (tolerance {CpuCheck.Tolerance:0e0})");
Console.WriteLine($"{"kernel",-56} {"grid",-8} {"t_it ms",9} {"T_eff GB/s",11} {"T_peak GB/s",12} {"T_eff/T_peak",13} {"adj/fwd T_eff",14} {"in cache/T_peak",14}{(reference is null ? "" : $" {"vs cpu",9}")}");

// The in-cache measurement (CPU only, see Measure3D) runs on one thread, without launch hand-offs.
using var single = cpu is null ? null : new CpuBackend(1) { VectorBits = cpu.VectorBits, BlockBytes = cpu.BlockBytes };
foreach (int n in sizes)
{
    long points = (long)n * n * n;
    using var big = Fields3D.Random(backend, n, n, n);
    // Rows as long as the benchmark's, 16 x 8 of them: 128 KB per array at n = 128, 256 KB at 256,
    // so that the 4 arrays of an adjoint fit in a core's L2 cache (1 MB on common x86 cores).
    using var small = single is null ? null : Fields3D.Random(single, n, 16, 8);
    var a = big.A;
    var e = big.E;
    Action copy3D = () => Harness.Copy3D(backend, e, a);

    // Adjoint w.r.t. T: seed T2bar read, Ci read, Tbar read and written.
    Measure3D("heat diffusion 3D", n, big, small, copy3D,
        3, (k, f) => () => Harness.HeatDiffusion3D(k, f.B, f.A, f.C, 1, 1e-4, 0.1, 0.1, 0.1),
        4, (k, f) => () => Harness.HeatDiffusion3DVjp(k, f.B.With(f.D), f.A.With(f.E), f.C, 1, 1e-4, 0.1, 0.1, 0.1));
    // Adjoint w.r.t. H: seed Rbar read, H read, Hbar read and written.
    Measure3D("nonlinear diffusion 3D", n, big, small, copy3D,
        2, (k, f) => () => Kernels.NonlinearDiffusion3D(k, f.B, f.A, 0.1, 0.1, 0.1),
        4, (k, f) => () => Kernels.NonlinearDiffusion3DVjp(k, f.B.With(f.D), f.A.With(f.E), 0.1, 0.1, 0.1));
    // The same residual as written, with [Stencil(MultiplyByReciprocals = true)].
    Measure3D("nonlinear diffusion 3D, MultiplyByReciprocals", n, big, small, copy3D,
        2, (k, f) => () => Kernels.NonlinearDiffusion3DReciprocals(k, f.B, f.A, 0.1, 0.1, 0.1),
        4, (k, f) => () => Kernels.NonlinearDiffusion3DReciprocalsVjp(k, f.B.With(f.D), f.A.With(f.E), 0.1, 0.1, 0.1));
    Measure3D("nonlinear diffusion 3D, * _dx", n, big, small, copy3D,
        2, (k, f) => () => Kernels.NonlinearDiffusion3DInverse(k, f.B, f.A, 10, 10, 10),
        4, (k, f) => () => Kernels.NonlinearDiffusion3DInverseVjp(k, f.B.With(f.D), f.A.With(f.E), 10, 10, 10));

    if (cpu is null) continue;
    foreach (var (program, mode, kernel, arrays) in new[]
    {
        ("heat3d", "", "heat diffusion 3D", 3),
        ("nonlinear3d", "divided", "nonlinear diffusion 3D", 2),
        ("nonlinear3d", "", "nonlinear diffusion 3D, * _dx", 2),
    })
    {
        if (Baseline(program, mode, n) is not double cpp) continue;
        // The copy is timed right after the C++ process, as close as a separate process allows.
        double peak = 2 * points * 8 / Median(reps, copy3D) / 1e9;
        double teff = arrays * points * 8 / cpp / 1e9;
        rows.Add(new ReportRow(kernel, RowKind.Baseline, $"{n}^3", cpp * 1e3, teff, peak, teff / peak, null));
        Print(rows[^1]);
    }
}

if (n2d > 0)
{
    using var geothermal = Geothermal(backend, n2d);
    using var copy = backend.Allocate<double>(n2d, n2d);
    // Adjoint w.r.t. Pf and K: seeds Rqx, Rqy read; Pf, K read; PfBar, KBar read and written.
    Measure("geothermal fluxes 2D", $"{n2d}^2", (long)n2d * n2d, () => Harness.Copy2D(backend, copy, geothermal.Arrays[4]),
        6, geothermal.Forward, 8, geothermal.Adjoint, check: b => Geothermal(b, n2d));
}

// The performance targets are for the CPU backend.
var targets = cpu is null ? null : Targets.Check(rows);
if (targets is not null)
{
    int computeBound = targets.Count(t => t.ComputeBound);
    Console.WriteLine($"performance targets in this run: {targets.Count(t => t.Met)} of {targets.Count} met"
        + (computeBound > 0 ? $"; {computeBound} missed by kernels whose T_eff in cache is below the target too" : ""));
    foreach (var t in targets)
        Console.WriteLine($"  {(t.Met ? "met   " : "missed")} {t.Kernel,-56} {t.Grid,-8} {t.Target,-30} {t.Value,6:P1} (target {t.Threshold:P0})"
            + (t.ComputeBound ? $"; in cache {t.InCache:P1}: compute-bound here" : ""));
}

if (json is not null)
{
    string device = cpu is not null ? $"{Environment.ProcessorCount} logical CPUs" : ((IlgpuBackend)backend).DeviceName;
    File.WriteAllText(json, JsonSerializer.Serialize(new { backend = backend.Name, device, threads = cpu?.Threads, vectorBits = cpu?.VectorBits, wideIndices = cpu is null ? wideIndices : (bool?)null, reps, rows, targets }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"report written to {json}");
}
// NaN counts as off (a comparison with it is false).
var off = rows.Where(r => r.CpuDeviation is double d && !(d <= CpuCheck.Tolerance)).ToList();
if (off.Count > 0)
{
    Console.Error.WriteLine($"{off.Count} kernel(s) gave results off the native CPU backend's by more than {CpuCheck.Tolerance:0e0}: {string.Join(", ", off.Select(r => $"{r.Kernel} ({r.Grid})"))}.");
    return 3;
}
return 0;

// Memory-bound launches run slower at the start of a run on a shared machine, most after
// `dotnet run` has built the project: the parent `dotnet` process goes on working for a few
// seconds after it has started the harness, and meanwhile a large copy takes about twice as long.
// So the harness first times such a copy (2 x 64 MiB) second by second until, for one second, a
// parent `dotnet run` (where /proc tells) used less than 0.05 s of CPU and the median copy time moved
// by less than 5 % (at most 60 s). The copy alone was not enough: two slow seconds agree as well.
// (CPU backend only: on ILGPU's CPU simulator such a copy takes minutes.)
void Settle()
{
    using var from = backend.Allocate<double>(256, 256, 128);
    using var to = backend.Allocate<double>(256, 256, 128);
    var watch = Stopwatch.StartNew();
    double last = double.MaxValue, median = 0;
    double? parentLast = ParentCpuSeconds();
    bool steady = false;
    while (!steady && watch.Elapsed.TotalSeconds < 60)
    {
        var times = new List<double>();
        var second = Stopwatch.StartNew();
        while (second.Elapsed.TotalSeconds < 1) times.Add(Time(() => Harness.Copy3D(backend, to, from)));
        median = MedianOf(times);
        double? parent = ParentCpuSeconds();
        bool parentIdle = parent is null || parentLast is null || parent - parentLast < 0.05;
        steady = parentIdle && Math.Abs(median - last) <= 0.05 * last;
        (last, parentLast) = (median, parent);
    }
    Console.WriteLine($"{(steady ? "steady" : "copy times still moving")} after {watch.Elapsed.TotalSeconds:F0} s (a 256x256x128 copy takes {median * 1e3:F2} ms)");
}

// CPU seconds the parent process has used when it is `dotnet run` (Linux /proc, in clock ticks of
// 1/100 s), else null: a test host running other tests would never look idle.
static double? ParentCpuSeconds()
{
    try
    {
        string self = File.ReadAllText("/proc/self/stat");
        int parent = int.Parse(self[(self.LastIndexOf(')') + 2)..].Split(' ')[1]);
        if (!File.ReadAllText($"/proc/{parent}/cmdline").Split('\0').Contains("run")) return null;
        string stat = File.ReadAllText($"/proc/{parent}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
    {
        return null;
    }
}

// Rounds of copy, forward, adjoint, back to back; T_eff = arrays x points x 8 B / t; ratios are medians of
// per-round ratios. With inCache, each row also gives the T_eff its kernel reaches where its data stay in
// cache (see Measure3D), from runs after the rounds.
void Measure(string kernel, string grid, long points, Action copy, int forwardArrays, Action forward, int adjointArrays, Action adjoint,
    InCache? inCache = null, Func<Backend, KernelCase>? check = null)
{
    var deviations = reference is null || check is null ? ((double, double)?)null : CpuCheck.Deviations(backend, reference, check);
    copy(); forward(); adjoint();   // warm-up: JIT
    var (batchF, batchA) = inCache is null ? (0, 0) : (Batch(inCache.Forward), Batch(inCache.Adjoint));
    var tc = new double[reps];
    var tf = new double[reps];
    var ta = new double[reps];
    var tfc = new double[reps];
    var tac = new double[reps];
    for (int i = 0; i < reps; i++)
    {
        tc[i] = Time(copy);
        tf[i] = Time(forward);
        ta[i] = Time(adjoint);
    }
    // The in-cache runs come after the rounds, not within them: while they run on one thread the
    // backend's workers block, and the next launch would pay their wake-up, slowing the copy and
    // inflating every T_eff/T_peak.
    for (int i = 0; inCache is not null && i < reps; i++)
    {
        tfc[i] = PerLaunch(inCache.Forward, batchF) * inCache.ForwardScale;
        tac[i] = PerLaunch(inCache.Adjoint, batchA) * inCache.AdjointScale;
    }
    double Bandwidth(int arrays, double t) => arrays * points * 8 / t / 1e9;
    var peak = tc.Select(t => Bandwidth(2, t)).ToArray();
    var fwd = tf.Select(t => Bandwidth(forwardArrays, t)).ToArray();
    var adj = ta.Select(t => Bandwidth(adjointArrays, t)).ToArray();
    double? InCacheOfPeak(int arrays, double[] times)
        => inCache is null ? null : MedianOf(times.Select((t, i) => Bandwidth(arrays, t) / peak[i]));
    rows.Add(new ReportRow(kernel, RowKind.Forward, grid, MedianOf(tf) * 1e3, MedianOf(fwd), MedianOf(peak),
        MedianOf(fwd.Select((f, i) => f / peak[i])), null, InCacheOfPeak(forwardArrays, tfc), deviations?.Item1));
    Print(rows[^1]);
    rows.Add(new ReportRow(kernel, RowKind.Adjoint, grid, MedianOf(ta) * 1e3, MedianOf(adj), MedianOf(peak),
        MedianOf(adj.Select((a, i) => a / peak[i])), MedianOf(adj.Select((a, i) => a / fwd[i])), InCacheOfPeak(adjointArrays, tac), deviations?.Item2));
    Print(rows[^1]);
}

// A 3D kernel on the n^3 grid and, on the CPU, on the in-cache grid (n x 16 x 8) on one thread:
// there its arrays stay in the core's L2 cache, so its time per point is what the kernel's
// instructions take (loads from cache included) without waiting for memory. Scaled to the n^3
// grid's points and divided by the threads (each core runs its part alone), it gives the T_eff the
// kernel would reach with an infinitely fast memory: where that is below a target fraction of the
// copy, no memory access pattern reaches the target on this machine. The forward kernels compute
// the interior points, the adjoint gathers every point.
void Measure3D(string kernel, int n, Fields3D big, Fields3D? small, Action copy,
    int forwardArrays, Func<Backend, Fields3D, Action> forward, int adjointArrays, Func<Backend, Fields3D, Action> adjoint)
{
    InCache? inCache = null;
    if (small is not null)
    {
        int threads = cpu!.Threads;
        inCache = new InCache(forward(single!, small), big.Interior / (double)small.Interior / threads,
            adjoint(single!, small), big.Points / (double)small.Points / threads);
    }
    KernelCase Check(Backend b)
    {
        var f = Fields3D.Random(b, n, n, n);
        return new KernelCase([f.A, f.B, f.C, f.D, f.E], forward(b, f), adjoint(b, f));
    }
    Measure(kernel, $"{n}^3", big.Points, copy, forwardArrays, forward(backend, big), adjointArrays, adjoint(backend, big), inCache, Check);
}

static void Print(ReportRow r) => Console.WriteLine(
    $"{r.Kernel,-56} {r.Grid,-8} {r.TimeMs,9:F2} {r.Teff,11:F2} {r.Tpeak,12:F2} {r.OfPeak,13:P0} {Percent(r.AdjointOverForward),14} {Percent(r.InCacheOfPeak),14}"
    + (r.CpuDeviation is double d ? $" {d,9:0.0e0}{(d <= CpuCheck.Tolerance ? "" : "  DIFFERS from the cpu backend")}" : ""));

// The widest vectors the generated loops run here: 512 with AVX-512, 256 with AVX2 alone (or
// DOTNET_EnableAVX512=0), 0 without SIMD.
static int HardwareVectorBits() => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512
    : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256 : 0;

static string Percent(double? value) => value is double v ? v.ToString("P0") : "";

// Launches back to back for about 2 ms, and seconds per launch over such a batch.
int Batch(Action run)
{
    run();   // warm-up: JIT
    return (int)Math.Clamp(Math.Ceiling(2e-3 / Time(run)), 1, 1000);
}

double PerLaunch(Action run, int batch) => Time(() => { for (int i = 0; i < batch; i++) run(); }) / batch;

double Time(Action run)
{
    long start = Stopwatch.GetTimestamp();
    run();
    backend.Synchronize();
    return Stopwatch.GetElapsedTime(start).TotalSeconds;
}

static double MedianOf(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted[sorted.Length / 2];
}

double Median(int reps, Action run)
{
    run();   // warm-up: JIT
    return MedianOf(Enumerable.Range(0, reps).Select(_ => Time(run)).ToArray());
}


// The geothermal residual fluxes on an n x n grid: Rqx, Rqy (and their seeds), Qx, Qy, Pf, K random
// in [0.5, 1.5], PfBar and KBar zero.
static KernelCase Geothermal(Backend backend, int n)
{
    Field<double> Random2D(int nx, int ny, int seed)
    {
        var field = backend.Allocate<double>(nx, ny);
        var random = new Random(seed);
        var host = new double[(long)nx * ny];
        for (long i = 0; i < host.Length; i++) host[i] = 0.5 + random.NextDouble();
        field.CopyFromHost(host);
        return field;
    }
    var (rqx, rqy, qx, qy) = (Random2D(n + 1, n, 9), Random2D(n, n + 1, 10), Random2D(n + 1, n, 5), Random2D(n, n + 1, 6));
    var (pf, k, rqxBar, rqyBar) = (Random2D(n, n, 7), Random2D(n, n, 8), Random2D(n + 1, n, 11), Random2D(n, n + 1, 12));
    var (pfBar, kBar) = (backend.Allocate<double>(n, n), backend.Allocate<double>(n, n));
    return new KernelCase([rqx, rqy, qx, qy, pf, k, rqxBar, rqyBar, pfBar, kBar],
        () => Geothermal2D.Darcy.ResidualFluxes(backend, rqx, rqy, qx, qy, pf, k, 0.1, 0.1),
        () => Geothermal2D.Darcy.ResidualFluxesVjp(backend, rqx.With(rqxBar), rqy.With(rqyBar), qx, qy, pf.With(pfBar), k.With(kBar), 0.1, 0.1));
}

// A hand-written C++ baseline (cpp/{program}.cpp), when g++ is on the PATH: compiled once (again
// when the source is newer), run with the same thread count (mode: its variant, see the source);
// its median seconds per launch.
double? Baseline(string program, string mode, int n)
{
    string source = Path.Combine(AppContext.BaseDirectory, "cpp", program + ".cpp");
    string binary = Path.Combine(Path.GetTempPath(), "stencil-" + program);
    try
    {
        if (!File.Exists(binary) || File.GetLastWriteTimeUtc(binary) < File.GetLastWriteTimeUtc(source))
        {
            using var compile = Process.Start(new ProcessStartInfo("g++", $"-O3 -march=native -fopenmp -o {binary} {source}") { RedirectStandardError = true })!;
            compile.WaitForExit();
            if (compile.ExitCode != 0) return null;
        }
        var run = new ProcessStartInfo(binary, $"{n} {reps} {mode}".TrimEnd()) { RedirectStandardOutput = true };
        run.Environment["OMP_NUM_THREADS"] = cpu!.Threads.ToString();
        using var process = Process.Start(run)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;   // no g++
    }
}

/// <summary>A kernel's launches on the in-cache grid, and the factors that scale their times to the benchmark grid.</summary>
internal sealed record InCache(Action Forward, double ForwardScale, Action Adjoint, double AdjointScale);

/// <summary>The fields of a 3D benchmark: A, B, C random in [0.5, 1.5], D (seeds) in [-1, 1], E zero.</summary>
internal sealed class Fields3D : IDisposable
{
    private Fields3D(Field<double> a, Field<double> b, Field<double> c, Field<double> d, Field<double> e)
    {
        (A, B, C, D, E) = (a, b, c, d, e);
    }

    public Field<double> A { get; }
    public Field<double> B { get; }
    public Field<double> C { get; }
    public Field<double> D { get; }
    public Field<double> E { get; }

    public long Points => (long)A.Nx * A.Ny * A.Nz;

    /// <summary>Points off the boundary, which the forward kernels compute.</summary>
    public long Interior => (long)(A.Nx - 2) * (A.Ny - 2) * (A.Nz - 2);

    public static Fields3D Random(Backend backend, int nx, int ny, int nz)
    {
        Field<double> Make(int seed, double lo, double hi)
        {
            var field = backend.Allocate<double>(nx, ny, nz);
            var random = new Random(seed);
            var host = new double[(long)nx * ny * nz];
            for (long i = 0; i < host.Length; i++) host[i] = lo + (hi - lo) * random.NextDouble();
            field.CopyFromHost(host);
            return field;
        }
        return new Fields3D(Make(1, 0.5, 1.5), Make(2, 0.5, 1.5), Make(3, 0.5, 1.5), Make(4, -1, 1), backend.Allocate<double>(nx, ny, nz));
    }

    public void Dispose()
    {
        foreach (var field in new[] { A, B, C, D, E }) field.Dispose();
    }
}
