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
    return Run(options);
}
catch (ArgumentException e)
{
    // A bad option or backend name: one line, exit code 2.
    Console.Error.WriteLine(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message);
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or NotSupportedException or DllNotFoundException)
{
    // No device for the backend asked for (no CUDA GPU, no OpenCL device): the run cannot start.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
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
        stepTimes[i] = Time(() =>
        {
            Heat.Step(backend, b, a, Ci, lam, dt, dx, dy, dz);
            (a, b) = (b, a);
        });
        copyTimes[i] = Time(() => Heat.Copy(backend, scratch, Ci));
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

    double Time(Action run)
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
}

internal sealed record Options(int N, int Steps, string Backend, int? Threads, bool Help = false)
{
    public const string Usage = """
        Diffusion3D: 3D heat diffusion (ParallelStencil's README example), time per step and T_eff.
        Options:
          --n N                                  points per axis (default 128, at least 3)
          --steps S                              timed steps (default 100)
          --backend cpu|cuda|opencl|ilgpu-cpu    where kernels run (default cpu)
          --threads T                            CPU threads (default: all cores)
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
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        return options;
    }

    private static string KnownBackend(string name)
        => Backends.Names.Contains(name) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Backends.Names)}.");

    private static int Whole(string option, string text, int least)
        => int.TryParse(text, out int value) && value >= least ? value : throw new ArgumentException($"{option} takes a whole number of at least {least}; got '{text}'.");
}
