using System.Diagnostics;
using Stencil;
using Stencil.Benchmarks;

// Time of the generated adjoint (gather form) relative to its forward kernel, CPU backend.
// Usage: dotnet run -c Release --project tests/Stencil.Benchmarks -- [--n 128,256] [--reps 5] [--threads T]
var sizes = new List<int> { 128, 256 };
int reps = 5;
int? threads = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--n": sizes = args[++i].Split(',').Select(int.Parse).ToList(); break;
        case "--reps": reps = int.Parse(args[++i]); break;
        case "--threads": threads = int.Parse(args[++i]); break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --n 128,256 --reps R --threads T");
    }
}

using var backend = Backends.Cpu(threads);
Console.WriteLine($"CPU backend, {backend.Threads} threads; 3D nonlinear diffusion residual (D = H^3), medians of {reps} runs");
Console.WriteLine($"{"grid",8} {"forward ms",12} {"adjoint ms",12} {"adjoint/forward",16}");
foreach (int n in sizes)
{
    using var R = backend.Allocate<double>(n, n, n);
    using var H = backend.Allocate<double>(n, n, n);
    using var RBar = backend.Allocate<double>(n, n, n);
    using var HBar = backend.Allocate<double>(n, n, n);
    var random = new Random(1);
    var host = new double[(long)n * n * n];
    for (long i = 0; i < host.Length; i++) host[i] = 0.5 + random.NextDouble();
    H.CopyFromHost(host);
    for (long i = 0; i < host.Length; i++) host[i] = 2 * random.NextDouble() - 1;
    RBar.CopyFromHost(host);
    double d = 1.0 / n;

    double forward = Median(reps, () => Kernels.NonlinearDiffusion3D(backend, R, H, d, d, d));
    double adjoint = Median(reps, () => Kernels.NonlinearDiffusion3DVjp(backend, R.With(RBar), H.With(HBar), d, d, d));
    Console.WriteLine($"{n + "^3",8} {forward * 1e3,12:F1} {adjoint * 1e3,12:F1} {adjoint / forward,16:F2}");
}

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
