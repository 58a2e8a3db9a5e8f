using System.Diagnostics;

namespace Stencil.Benchmarks;

/// <summary>
/// What a user waits for before the first result: the time from process start to the end of the
/// first kernel launch (runtime start-up, backend creation, the kernel's JIT or ILGPU compilation),
/// then a second launch of the same kernel for comparison. Run the built harness directly, so that
/// no build is counted: <c>dotnet tests/Stencil.Benchmarks/bin/Release/net10.0/Stencil.Benchmarks.dll --startup cpu</c>.
/// </summary>
internal static class Startup
{
    public static int Run(string backendName)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        double mainMs = (DateTime.UtcNow - started).TotalMilliseconds, backendMs, firstMs;
        using Backend backend = backendName == "cpu" ? Backends.Cpu() : Backends.Create(backendName);
        backendMs = (DateTime.UtcNow - started).TotalMilliseconds;
        const int n = 32;
        using var h = backend.Allocate<double>(n, n, n);
        using var r = backend.Allocate<double>(n - 2, n - 2, n - 2);
        h.Fill(1.0);
        Kernels.NonlinearDiffusion3D(backend, r, h, 0.1, 0.1, 0.1);
        backend.Synchronize();
        firstMs = (DateTime.UtcNow - started).TotalMilliseconds;
        var watch = Stopwatch.StartNew();
        Kernels.NonlinearDiffusion3D(backend, r, h, 0.1, 0.1, 0.1);
        backend.Synchronize();
        double secondMs = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{backend.Name}: Main {mainMs:F0} ms, backend ready {backendMs:F0} ms after process start, first launch done {firstMs:F0} ms after it; a second launch {secondMs:F2} ms ({n}^3 nonlinear diffusion residual)");
        return 0;
    }
}
