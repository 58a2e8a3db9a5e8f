using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>
/// The main job: synthetic data, L-BFGS inversion with saved state, figures and summary; or the
/// Taylor test. On N processes every one runs the same code on its block; rank 0 prints and writes
/// the outputs from gathered fields.
/// </summary>
public static class GeothermalRun
{
    public static int Execute(RunOptions options)
    {
        var watch = Stopwatch.StartNew();
        using var grid = options.CreateGrid(Console.Out);
        using var backend = grid.CreateBackend(options.Backend, options.Threads);
        var log = grid.IsRoot ? Console.Out : TextWriter.Null;
        OutputFolder.Require(options.Out, grid);
        using var c = new Case(backend, grid);
        var saved = new SavedInversion(options.Out, $"geothermal2d {c.NxGlobal}x{c.NyGlobal} cells", grid) { Resume = options.Resume, Force = options.Force, Log = log };
        saved.Check();   // a saved state of another run is refused before any work
        var observed = c.ObservationCells();
        log.WriteLine($"Geothermal2D on {backend.Name}: {grid}; {observed.Length} observations, output in {options.Out}");
        bool hide = options.HideCommunication(grid, backend);
        if (grid.Processes > 1) log.WriteLine($"halo exchange: {(hide ? "hidden behind the interior (boundary slabs of 16 x 8 cells first)" : "after each kernel")}");
        var forward = c.ForwardOptions with { HideCommunication = hide ? Case.BoundaryWidths : null };
        var adjoint = c.AdjointOptions with { HideCommunication = forward.HideCommunication };

        // Synthetic data: the pressure of the true permeability at the observation cells.
        using var synthetic = c.Objective(observed, null, forward, adjoint);
        log.WriteLine($"synthetic forward: {synthetic.Solve(c.Owned((i, j) => Math.Log(c.TruePermeability(i, j))))}");
        var data = synthetic.ObservedValues();
        if (options.Has("--check-gradient"))
            return CheckGradient(c, observed, data, log);

        bool coldStart = options.Has("--cold-start"), fixedChecks = options.Has("--fixed-checks");
        using var objective = c.Objective(observed, data, forward with { AdaptiveChecks = !fixedChecks }, adjoint with { AdaptiveChecks = !fixedChecks }, warmStart: !coldStart);
        using var smoothing = new SmoothingPreconditioner<double>(c.K, passes: 50, (result, g) => Darcy.Smooth(backend, result, g), grid);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, Preconditioner = smoothing, Reduction = grid });
        var state = saved.Start(lbfgs, objective, new double[objective.Parameters]);   // K = 1 everywhere
        bool completed = saved.Run(lbfgs, objective, state, s =>
            log.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2} ({objective.ForwardSolves} solves, {watch.Elapsed.TotalSeconds:F0} s)"));

        // Results: the recovered permeability against the truth, figures, fields, summary, from the gathered fields.
        objective.Solve(state.Parameters);
        using var logK = backend.Allocate<double>(c.Nx, c.Ny);
        grid.SetOwnedValues(logK, state.Parameters);
        double meanPf = grid.Sum(c.Pf) / ((double)c.NxGlobal * c.NyGlobal);
        var (log10K, pf, qx, qy) = (grid.Gather(logK)?.Select(v => v / Math.Log(10)).ToArray(), grid.Gather(c.Pf), grid.Gather(c.Qx), grid.Gather(c.Qy));
        if (!grid.IsRoot) return 0;

        var (inside, around) = Outputs.Write(c, options.Out, log10K!, pf!.Select(v => v - meanPf).ToArray(), qx!, qy!, observed, state.CostHistory);
        log.WriteLine($"mean log10 K inside the barrier {inside:F3}, around it {around:F3}; cost {state.CostHistory[0]:E3} -> {state.Cost:E3} ({state.CostHistory[0] / state.Cost:F0}x)");
        var summary = new
        {
            @case = "geothermal2d", backend = backend.Name, ranks = grid.Processes, dims = grid.Dims, grid = new[] { c.NxGlobal, c.NyGlobal }, local_block = new[] { grid.Nx, grid.Ny },
            // The first solves of this run (after --resume, since the resume); a resumed run that was complete has only the final forward solve.
            forward = objective.FirstForward, adjoint = objective.FirstAdjoint,
            inversion = new
            {
                iterations = state.Iteration, line_search_failed = !completed, warm_start = !coldStart, adaptive_checks = !fixedChecks, cost_history = state.CostHistory,
                barrier_mean_log10_k = inside, surroundings_mean_log10_k = around,
            },
            solves = objective.Statistics,   // this process's, the final one for the outputs included
            halo = new { updates = grid.HaloUpdates, seconds = grid.HaloSeconds, bytes_sent_rank0 = grid.HaloBytesSent },
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        log.WriteLine($"{objective.Statistics} ({(coldStart ? "each from rest" : "warm-started")}, {(fixedChecks ? "fixed" : "adaptive")} checks)");
        log.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Taylor test of the full J(log K) through forward PT, adjoint PT and gradient, at log K = 0, along a random direction.</summary>
    private static int CheckGradient(Case c, (int I, int J)[] observed, double[] data, TextWriter log)
    {
        var tight = c.ForwardOptions with { Tolerance = 1e-13, MaxIterations = 600 * c.NxGlobal, CheckEvery = c.NxGlobal };
        using var objective = c.Objective(observed, data, tight, tight);
        // The direction from a seeded generator over the global cells, so it is the same on any number of processes.
        var random = new Random(3).NextDouble;
        var direction = Enumerable.Range(0, c.NxGlobal * c.NyGlobal).Select(_ => 2 * random() - 1).ToArray();
        var taylor = Derivatives.TaylorTest(objective, new double[objective.Parameters], c.Owned((i, j) => direction[i + c.NxGlobal * j]), c.Grid);
        log.WriteLine($"Taylor test on J(log K): {taylor} (expect 1 and 2)");
        return taylor.Passed ? 0 : 1;
    }
}
