using System.Text.Json;
using Geothermal2D;
using Stencil.Distributed;

namespace Stencil.Benchmarks;

/// <summary>
/// Measurements of the geothermal case's forward solve, outside the example, which is the inversion:
/// <list type="bullet">
/// <item><c>--geothermal-scaling</c>: forward PT iterations / nx at nx = 63, 127, 255, 511 (one process): they should grow like nx.</item>
/// <item><c>--geothermal-forward</c>: one forward solve of the true K, timed (time per PT iteration, halo updates), on one process
/// or under mpiexec: the weak-scaling measurement.</item>
/// </list>
/// Options: <c>--backend B</c>, <c>--threads T</c>, <c>--out DIR</c> (a JSON of the numbers), and for
/// <c>--geothermal-forward</c> <c>--grid NXxNY</c> (global cells, default 255x127), <c>--pt-iterations N</c>
/// (stop after N: timing without waiting for convergence) and <c>--exchange plain|hidden|auto</c>.
/// </summary>
internal static class GeothermalSolves
{
    public static int Run(string mode, string[] args)
    {
        var options = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || options.Keys.Except(["--backend", "--threads", "--out", "--grid", "--pt-iterations", "--exchange"]).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"{mode} takes --backend B, --threads T, --out DIR, --grid NXxNY, --pt-iterations N and --exchange plain|hidden|auto, each with a value; got '{string.Join(' ', args)}'.");
            return 2;
        }
        string backend = options.GetValueOrDefault("--backend", "cpu"), folder = options.GetValueOrDefault("--out", Path.Combine("out", mode.TrimStart('-')));
        int? Number(string option) => !options.TryGetValue(option, out var text) ? null
            : int.TryParse(text, out int value) && value > 0 ? value : throw new ArgumentException($"{option} takes a positive whole number; got '{text}'.");
        return GlobalGrid.RunProgram(() =>
        {
            OutputFolder.Require(folder);
            return mode == "--geothermal-scaling"
                ? Scaling(backend, Number("--threads"), folder)
                : Forward(backend, Number("--threads"), folder, options.GetValueOrDefault("--grid", "255x127"), Number("--pt-iterations"), options.GetValueOrDefault("--exchange", "auto"));
        });
    }

    /// <summary>Forward solves of the published case at four resolutions, each solved twice (the first warms up the JIT), the second reported.</summary>
    private static int Scaling(string backendName, int? threads, string folder)
    {
        var rows = new List<object>();
        using var backend = threads is int n ? Backends.Cpu(n) : Backends.Create(backendName);
        foreach (int ny in new[] { 31, 63, 127, 255 })
        {
            var (nx, _) = Case.PublishedGrid(ny);
            using var grid = GlobalGrid.FromGlobalSize(nx, ny);
            using var c = new Case(backend, grid);
            using var objective = c.Objective(c.ObservationCells(), null, c.ForwardOptions, c.ForwardOptions);
            var logK = c.Owned((i, j) => Math.Log(c.TruePermeability(i, j)));
            objective.Solve(logK);
            long launches = (backend as CpuBackend)?.Launches ?? 0;
            objective.Solve(logK);
            var r = objective.LastForward!;
            double? inKernels = r.KernelSeconds / r.Seconds;
            double? launchesPerIteration = backend is CpuBackend cpu ? (double)(cpu.Launches - launches) / r.Iterations : null;
            Console.WriteLine($"nx = {c.Nx,4}, ny = {c.Ny,4}: {r.Iterations,6} iterations, iterations/nx = {(double)r.Iterations / c.Nx:F1}, residual {r.Residual:E2}, {r.Seconds:F2} s, {r.Seconds / r.Iterations * 1e6:F1} us/iteration"
                + (inKernels is double f ? $", {f:P1} inside kernels ({launchesPerIteration:F1} launches per iteration)" : ""));
            rows.Add(new { nx = c.Nx, ny = c.Ny, iterations = r.Iterations, iterations_per_nx = (double)r.Iterations / c.Nx, residual = r.Residual, converged = r.Converged, seconds = r.Seconds, kernel_fraction = inKernels, launches_per_iteration = launchesPerIteration });
        }
        File.WriteAllText(Path.Combine(folder, "scaling.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>A forward solve of the true K, solved twice (the first warms up the JIT), the second timed; on every process of the run.</summary>
    private static int Forward(string backendName, int? threads, string folder, string cells, int? cap, string exchange)
    {
        if (cells.Split('x') is not [var x, var y] || !int.TryParse(x, out int nx) || !int.TryParse(y, out int ny))
            throw new ArgumentException($"--grid takes global cells as NXxNY; got '{cells}'.");
        using var grid = GlobalGrid.FromGlobalSize(nx, ny);
        using var backend = grid.CreateBackend(backendName, threads);
        using var c = new Case(backend, grid);
        bool hide = exchange == "hidden" || (exchange == "auto" && grid.HidingCommunicationPays(backend));
        var options = c.ForwardOptions with { HideCommunication = hide ? Case.BoundaryWidths : null, MaxIterations = cap ?? c.ForwardOptions.MaxIterations };
        using var objective = c.Objective(c.ObservationCells(), null, options, options);
        var logK = c.Owned((i, j) => Math.Log(c.TruePermeability(i, j)));
        objective.Solve(logK);
        grid.Barrier();
        long updates = grid.HaloUpdates, bytes = grid.HaloBytesSent;
        double haloSeconds = grid.HaloSeconds;
        objective.Solve(logK);
        var r = objective.LastForward!;
        double perIteration = r.Seconds / r.Iterations;
        double haloPerUpdate = (grid.HaloSeconds - haloSeconds) / Math.Max(1, grid.HaloUpdates - updates);
        double bytesPerUpdate = (double)(grid.HaloBytesSent - bytes) / Math.Max(1, grid.HaloUpdates - updates);
        double slowest = grid.Max(perIteration);
        if (!grid.IsRoot) return 0;
        Console.WriteLine($"forward on {grid.Processes} process(es) ({string.Join(" x ", grid.Dims)}), {c.NxGlobal} x {c.NyGlobal} cells, halo exchange {(hide ? "hidden" : "plain")}: {r.Iterations} iterations, residual {r.Residual:E2}, {r.Seconds:F3} s, {slowest * 1e6:F1} us per iteration (slowest process)");
        Console.WriteLine($"halo updates: {(grid.HaloUpdates - updates) / (double)r.Iterations:F1} per iteration, {haloPerUpdate * 1e6:F1} us and {bytesPerUpdate:F0} bytes sent each (rank 0), {(grid.HaloSeconds - haloSeconds) / r.Seconds:P1} of the solve");
        File.WriteAllText(Path.Combine(folder, "forward.json"), JsonSerializer.Serialize(new
        {
            ranks = grid.Processes,
            dims = grid.Dims,
            grid = new[] { c.NxGlobal, c.NyGlobal },
            local_block = new[] { grid.Nx, grid.Ny },
            threads = (backend as CpuBackend)?.Threads,
            hidden_exchange = hide,
            iterations = r.Iterations,
            seconds = r.Seconds,
            seconds_per_iteration = slowest,
            halo_updates_per_iteration = (grid.HaloUpdates - updates) / (double)r.Iterations,
            halo_seconds_per_update = haloPerUpdate,
            halo_bytes_sent_per_update = bytesPerUpdate,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return r.Converged || cap is not null ? 0 : 1;
    }
}
