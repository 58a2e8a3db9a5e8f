using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Benchmarks;

// T_eff harness (REFERENCE.md §3): per kernel, in one run, the copy bandwidth of the backend (T_peak,
// a generated All(B) = All(A) kernel of the same size), the forward and the adjoint T_eff.
// Usage: dotnet run -c Release --project tests/Stencil.Benchmarks -- [--n 128,256] [--n2d 4096] [--reps 5] [--threads T] [--json PATH]
var sizes = new List<int> { 128, 256 };
int n2d = 4096, reps = 5;
int? threads = null;
string? json = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--n": sizes = args[++i].Split(',').Select(int.Parse).ToList(); break;
        case "--n2d": n2d = int.Parse(args[++i]); break;
        case "--reps": reps = int.Parse(args[++i]); break;
        case "--threads": threads = int.Parse(args[++i]); break;
        case "--json": json = args[++i]; break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --n 128,256 --n2d 4096 --reps R --threads T --json PATH");
    }
}

using var backend = Backends.Cpu(threads);
var rows = new List<Row>();
Console.WriteLine($"CPU backend, {backend.Threads} threads, medians of {reps} runs; T_eff = A_eff / t, A_eff = arrays touched x points x 8 B (read+written arrays count twice)");
Console.WriteLine($"{"kernel",-26} {"grid",-10} {"t_it ms",10} {"T_eff GB/s",11} {"T_peak GB/s",12} {"T_eff/T_peak",13}");

foreach (int n in sizes)
{
    long points = (long)n * n * n;
    using var a = Random3D(backend, n, 1, 0.5, 1.5);
    using var b = Random3D(backend, n, 2, 0.5, 1.5);
    using var c = Random3D(backend, n, 3, 0.5, 1.5);
    using var d = Random3D(backend, n, 4, -1, 1);
    using var e = backend.Allocate<double>(n, n, n);
    double peak = 2 * points * 8 / Median(reps, () => Harness.Copy3D(backend, e, a)) / 1e9;

    Report("heat diffusion 3D", n, 3, points, peak, () => Harness.HeatDiffusion3D(backend, b, a, c, 1, 1e-4, 0.1, 0.1, 0.1));
    // Adjoint w.r.t. T: seed T2bar read, Ci read, Tbar read and written.
    Report("heat diffusion 3D adjoint", n, 4, points, peak, () => Harness.HeatDiffusion3DVjp(backend, b.With(d), a.With(e), c, 1, 1e-4, 0.1, 0.1, 0.1));
    Report("nonlinear diffusion 3D", n, 2, points, peak, () => Kernels.NonlinearDiffusion3D(backend, b, a, 0.1, 0.1, 0.1));
    // Adjoint w.r.t. H: seed Rbar read, H read, Hbar read and written.
    Report("nonlinear diffusion 3D adj", n, 4, points, peak, () => Kernels.NonlinearDiffusion3DVjp(backend, b.With(d), a.With(e), 0.1, 0.1, 0.1));

    if (Baseline(n) is double cpp)
    {
        rows.Add(new Row("heat diffusion 3D, g++ -O3 -fopenmp", $"{n}^3", cpp * 1e3, 3 * points * 8 / cpp / 1e9, peak));
        Print(rows[^1]);
    }
}

{
    int nx = n2d, ny = n2d;
    long points = (long)nx * ny;
    using var qx = Random2D(backend, nx + 1, ny, 5);
    using var qy = Random2D(backend, nx, ny + 1, 6);
    using var pf = Random2D(backend, nx, ny, 7);
    using var k = Random2D(backend, nx, ny, 8);
    using var rqx = Random2D(backend, nx + 1, ny, 9);
    using var rqy = Random2D(backend, nx, ny + 1, 10);
    using var rqxBar = Random2D(backend, nx + 1, ny, 11);
    using var rqyBar = Random2D(backend, nx, ny + 1, 12);
    using var pfBar = backend.Allocate<double>(nx, ny);
    using var kBar = backend.Allocate<double>(nx, ny);
    using var copy = backend.Allocate<double>(nx, ny);
    double peak = 2 * points * 8 / Median(reps, () => Harness.Copy2D(backend, copy, pf)) / 1e9;
    Report("geothermal fluxes 2D", nx, 6, points, peak, () => Geothermal2D.Darcy.ResidualFluxes(backend, rqx, rqy, qx, qy, pf, k, 0.1, 0.1), is2D: true);
    // Adjoint w.r.t. Pf and K: seeds Rqx, Rqy read; Pf, K read; PfBar, KBar read and written.
    Report("geothermal fluxes 2D adj", nx, 8, points, peak, () => Geothermal2D.Darcy.ResidualFluxesVjp(backend, rqx.With(rqxBar), rqy.With(rqyBar), qx, qy, pf.With(pfBar), k.With(kBar), 0.1, 0.1), is2D: true);
}

if (json is not null)
{
    File.WriteAllText(json, JsonSerializer.Serialize(new { backend = backend.Name, threads = backend.Threads, reps, rows }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"report written to {json}");
}
return;

void Report(string kernel, int n, int arrays, long points, double peak, Action run, bool is2D = false)
{
    double t = Median(reps, run);
    var row = new Row(kernel, is2D ? $"{n}^2" : $"{n}^3", t * 1e3, arrays * points * 8 / t / 1e9, peak);
    rows.Add(row);
    Print(row);
}

static void Print(Row r) => Console.WriteLine($"{r.Kernel,-26} {r.Grid,-10} {r.TimeMs,10:F2} {r.Teff,11:F2} {r.Tpeak,12:F2} {r.Teff / r.Tpeak,13:P0}");

static double Median(int reps, Action run)
{
    run();   // warm-up: JIT
    var times = new double[reps];
    for (int i = 0; i < reps; i++)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
    Array.Sort(times);
    return times[reps / 2];
}

static Field<double> Random3D(Backend backend, int n, int seed, double lo, double hi)
{
    var field = backend.Allocate<double>(n, n, n);
    var random = new Random(seed);
    var host = new double[(long)n * n * n];
    for (long i = 0; i < host.Length; i++) host[i] = lo + (hi - lo) * random.NextDouble();
    field.CopyFromHost(host);
    return field;
}

static Field<double> Random2D(Backend backend, int nx, int ny, int seed)
{
    var field = backend.Allocate<double>(nx, ny);
    var random = new Random(seed);
    var host = new double[(long)nx * ny];
    for (long i = 0; i < host.Length; i++) host[i] = 0.5 + random.NextDouble();
    field.CopyFromHost(host);
    return field;
}

// The hand-written C++ baseline, when g++ is on the PATH: compiled once, run with the same thread count.
double? Baseline(int n)
{
    string source = Path.Combine(AppContext.BaseDirectory, "cpp", "heat3d.cpp");
    string binary = Path.Combine(Path.GetTempPath(), "stencil-heat3d");
    try
    {
        if (!File.Exists(binary))
        {
            using var compile = Process.Start(new ProcessStartInfo("g++", $"-O3 -march=native -fopenmp -o {binary} {source}") { RedirectStandardError = true })!;
            compile.WaitForExit();
            if (compile.ExitCode != 0) return null;
        }
        var run = new ProcessStartInfo(binary, $"{n} {reps}") { RedirectStandardOutput = true };
        run.Environment["OMP_NUM_THREADS"] = backend.Threads.ToString();
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

internal sealed record Row(string Kernel, string Grid, double TimeMs, double Teff, double Tpeak);
