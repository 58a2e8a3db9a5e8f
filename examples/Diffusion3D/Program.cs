using System.Diagnostics;
using Diffusion3D;
using Stencil;

// 3D heat diffusion (ParallelStencil's README example) written in the Stencil DSL.
// Usage: dotnet run -c Release --project examples/Diffusion3D -- --help
try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }
    return options.Pt || options.Scaling ? RunPseudoTransient(options) : Run(options);
}
catch (ArgumentException e)
{
    // A bad option or backend name: one line, exit code 2.
    Console.Error.WriteLine(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message);
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or NotSupportedException or DllNotFoundException or SolverDivergedException)
{
    // No device for the backend asked for (no CUDA GPU, no OpenCL device): the run cannot start.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int RunPseudoTransient(Options options)
{
    using var backend = options.Backend == "cpu" ? Backends.Cpu(options.Threads) : Backends.Create(options.Backend);
    Console.WriteLine($"PseudoTransientDiffusion 3D nonlinear on {backend.Name}{(backend is CpuBackend c ? $" ({c.Threads} threads)" : "")}");
    if (options.Scaling)
    {
        Console.WriteLine("    n    PT iterations (5 steps)   iterations / nx   ms per iteration");
        foreach (int n in new[] { 32, 64, 128 })
        {
            using var pt = new PseudoTransientBenchmark(backend, n);
            var (iterations, seconds) = pt.Run();
            int total = iterations.Sum();
            Console.WriteLine($"{n,5} {total,16}   ({string.Join(" ", iterations)}) {total / (double)n,10:F1} {seconds / total * 1e3,14:F3}");
        }
        return 0;
    }
    using var benchmark = new PseudoTransientBenchmark(backend, options.N);
    double perIteration;
    if (options.PtIterations is int k)
    {
        benchmark.Iterate();   // warm-up: JIT and first touch
        backend.Synchronize();
        var times = new double[k];
        for (int i = 0; i < k; i++) times[i] = Time(backend, benchmark.Iterate);
        perIteration = Median(times);
        Console.WriteLine($"{options.N}^3 points: {k} PT iterations timed, median {perIteration * 1e3:F3} ms each");
    }
    else
    {
        var (iterations, seconds) = benchmark.Run();
        int total = iterations.Sum();
        perIteration = seconds / total;
        Console.WriteLine($"{options.N}^3 points: {total} PT iterations in {PseudoTransientBenchmark.Steps} steps ({string.Join(", ", iterations)}), {total / (double)options.N:F1} per nx per run, {seconds:F2} s, {perIteration * 1e3:F3} ms per iteration (checks every {PseudoTransientBenchmark.CheckEvery} included); max H {benchmark.MaxH():F6}");
    }
    // The copy: the generated All(B) = All(A) on n^3 points, median of 20.
    int m = options.N;
    using var a = backend.Allocate<double>(m, m, m);
    using var b = backend.Allocate<double>(m, m, m);
    a.Fill(1);
    Heat.Copy(backend, b, a);
    var copies = new double[20];
    for (int i = 0; i < copies.Length; i++) copies[i] = Time(backend, () => Heat.Copy(backend, b, a));
    double teff = benchmark.BytesPerIteration / perIteration / 1e9;
    double tpeak = 2.0 * m * m * m * sizeof(double) / Median(copies) / 1e9;
    Console.WriteLine($"T_eff of a PT iteration : {teff,8:F2} GB/s   (A_eff = (2 D_u + D_k) x points x 8 B, D_u = 4: H, qx, qy, qz; D_k = 1: H_old)");
    Console.WriteLine($"copy (T_peak)           : {tpeak,8:F2} GB/s   (generated All(B) = All(A), median of 20)");
    Console.WriteLine($"T_eff / T_peak          : {teff / tpeak,8:P0}");
    return 0;
}

static int Run(Options options)
{
    using var backend = options.Backend == "cpu" ? Backends.Cpu(options.Threads) : Backends.Create(options.Backend);
    int n = options.N;
    double lx = 10, ly = 10, lz = 10, lam = 1, cp = 1;
    double dx = lx / (n - 1), dy = ly / (n - 1), dz = lz / (n - 1);
    double dt = Math.Min(Math.Min(dx * dx, dy * dy), dz * dz) * cp / lam / 8.1;

    // Initial condition: a Gaussian temperature anomaly in the centre; Ci = 1/cp everywhere.
    var host = new double[(long)n * n * n];
    for (int iz = 0; iz < n; iz++)
        for (int iy = 0; iy < n; iy++)
            for (int ix = 0; ix < n; ix++)
            {
                double x = ix * dx - lx / 2, y = iy * dy - ly / 2, z = iz * dz - lz / 2;
                host[ix + (long)n * (iy + (long)n * iz)] = 1.7 * Math.Exp(-(x * x + y * y + z * z));
            }
    using var T = backend.Allocate<double>(n, n, n);
    using var T2 = backend.Allocate<double>(n, n, n);
    using var Ci = backend.Allocate<double>(n, n, n);
    using var scratch = backend.Allocate<double>(n, n, n);
    T.CopyFromHost(host);
    T2.CopyFromHost(host);
    Ci.Fill(1 / cp);

    Console.WriteLine($"Diffusion3D on {backend.Name}{(backend is CpuBackend c ? $" ({c.Threads} threads)" : "")}: {n}^3 points, {options.Steps} steps");

    // Warm-up (JIT, kernel compilation), then time each step; report the median.
    var (a, b) = (T, T2);
    for (int i = 0; i < 3; i++)
    {
        Heat.Step(backend, b, a, Ci, lam, dt, dx, dy, dz);
        (a, b) = (b, a);
    }
    // Steps and copies alternate, so both see the same state of the caches and of a shared machine.
    Heat.Copy(backend, scratch, Ci);
    var stepTimes = new double[options.Steps];
    var copyTimes = new double[options.Steps];
    for (int i = 0; i < options.Steps; i++)
    {
        stepTimes[i] = Time(backend, () =>
        {
            Heat.Step(backend, b, a, Ci, lam, dt, dx, dy, dz);
            (a, b) = (b, a);
        });
        copyTimes[i] = Time(backend, () => Heat.Copy(backend, scratch, Ci));
    }

    double bytes = (double)n * n * n * sizeof(double);
    double tStep = Median(stepTimes), tCopy = Median(copyTimes);
    double teff = 3 * bytes / tStep / 1e9;   // A_eff = (2 D_u + D_k) n^3 8 B with D_u = 1 (T), D_k = 1 (Ci)
    double tpeak = 2 * bytes / tCopy / 1e9;  // a copy reads and writes each point once
    Console.WriteLine($"time per step  : {tStep * 1e3,9:F3} ms (median of {stepTimes.Length})");
    Console.WriteLine($"T_eff          : {teff,9:F2} GB/s   (A_eff = 3 arrays x {n}^3 x 8 B per step)");
    Console.WriteLine($"copy (T_peak)  : {tpeak,9:F2} GB/s   (generated All(B) = All(A) kernel, median of {copyTimes.Length}, alternating with the steps)");
    Console.WriteLine($"T_eff / T_peak : {teff / tpeak,9:P0}");

    var final = a.ToArray();
    Console.WriteLine($"max T          : {final.Max():F6} (initial 1.7: the anomaly diffuses)");

    return 0;
}

// The seconds one launch (or a few) takes, the device included.
static double Time(Backend backend, Action run)
{
    long start = Stopwatch.GetTimestamp();
    run();
    backend.Synchronize();
    return Stopwatch.GetElapsedTime(start).TotalSeconds;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

internal sealed record Options(int N, int Steps, string Backend, int? Threads, bool Help = false, bool Pt = false, int? PtIterations = null, bool Scaling = false)
{
    public const string Usage = """
        Diffusion3D: 3D heat diffusion (ParallelStencil's README example), time per step and T_eff;
        with --pt, PseudoTransientDiffusion's 3D nonlinear case solved by accelerated pseudo-transient
        iterations: iterations per nx and the T_eff of a whole PT iteration.
        Options:
          --n N                                  points per axis (default 128, at least 3; with --pt at least 8)
          --steps S                              timed steps (default 100)
          --backend cpu|cuda|opencl|ilgpu-cpu    where kernels run (default cpu)
          --threads T                            CPU threads (default: all cores)
          --pt                                   the pseudo-transient case at --n: five implicit steps, each to convergence
          --pt-iterations K                      with --pt: time K PT iterations only (T_eff without waiting for convergence)
          --scaling                              the pseudo-transient case at n = 32, 64, 128: iterations per nx
        """;

    public static Options Parse(string[] args)
    {
        var options = new Options(128, 100, "cpu", null);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--n" => options with { N = Whole("--n", Value(), 3) },
                "--steps" => options with { Steps = Whole("--steps", Value(), 1) },
                "--backend" => options with { Backend = KnownBackend(Value()) },
                "--threads" => options with { Threads = Whole("--threads", Value(), 1) },
                "--pt" => options with { Pt = true },
                "--pt-iterations" => options with { PtIterations = Whole("--pt-iterations", Value(), 1) },
                "--scaling" => options with { Scaling = true },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        if ((options.Pt || options.Scaling) && options.N < 8)
            throw new ArgumentException($"--pt takes --n of at least 8; got {options.N}.");
        return options;
    }

    private static string KnownBackend(string name)
        => Backends.Names.Contains(name) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Backends.Names)}.");

    private static int Whole(string option, string text, int least)
        => int.TryParse(text, out int value) && value >= least ? value : throw new ArgumentException($"{option} takes a whole number of at least {least}; got '{text}'.");
}
