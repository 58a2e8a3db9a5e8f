using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>
/// The main job: synthetic data, L-BFGS inversion with saved state, figures and summary; or the
/// Taylor test, a timed forward solve, or the iteration scaling. On N processes every one runs the
/// same code on its block; rank 0 prints and writes the outputs from gathered fields.
/// </summary>
public static class GeothermalRun
{
    public static int Execute(Options options)
    {
        var watch = Stopwatch.StartNew();
        if (options.Scaling)
            return Scaling(options);
        var (nx, ny) = options.Grid ?? Case.PublishedGrid(options.Quick ? 31 : 127);
        // The default grid may not split evenly over the processes: then the nearest one that does is taken (and said).
        using var grid = GlobalGrid.FromGlobalSize(nx, ny, options: new GlobalGridOptions { AdjustToValid = options.Grid is null });
        using var backend = grid.CreateBackend(options.Backend, options.Threads);
        void Say(string line)
        {
            if (grid.IsRoot) Console.WriteLine(line);
        }
        // Before any work: the folder must take files (every process learns the root's answer).
        string? unwritable = grid.IsRoot ? Unwritable(options.Out) : null;
        if (grid.Max(unwritable is null ? 0 : 1) > 0)
            throw new ArgumentException($"Cannot write to the output folder '{options.Out}'{(unwritable is null ? "" : $" ({unwritable})")}: choose another with --out.");
        using var c = new Case(backend, grid);
        if ((c.NxGlobal, c.NyGlobal) != (nx, ny))
            Say($"{nx} x {ny} cells do not split evenly over {grid.Processes} processes ({grid.Dims[0]} x {grid.Dims[1]}); using {c.NxGlobal} x {c.NyGlobal}");
        var observed = c.ObservationCells();
        Say($"Geothermal2D on {backend.Name}: {c.NxGlobal} x {c.NyGlobal} cells"
            + (grid.Processes > 1 ? $" on {grid.Processes} processes ({grid.Dims[0]} x {grid.Dims[1]}, blocks of {grid.Nx} x {grid.Ny})" : "")
            + $", {observed.Length} observations, output in {options.Out}");

        // Synthetic data: the pressure of the true permeability at the observation cells.
        var logTruth = Owned(c, (i, j) => Math.Log(c.TruePermeability(i, j)));
        // Hiding the exchange needs a core to carry the messages while the interior is computed: where every core
        // already runs a kernel thread, the helper thread only competes with them and slows them, so auto exchanges plainly.
        bool hide = options.Exchange == "hidden"
            || (options.Exchange == "auto" && grid.Processes > 1 && (backend is not CpuBackend cpu || cpu.Threads * grid.NodeLocalRank().Count < Environment.ProcessorCount));
        var published = c.ForwardOptions with { HideCommunication = hide ? Case.BoundaryWidths : null };
        var publishedAdjoint = c.AdjointOptions with { HideCommunication = published.HideCommunication };
        if (grid.Processes > 1) Say($"halo exchange: {(hide ? "hidden behind the interior (boundary slabs of 16 x 8 cells first)" : "after each kernel")}");
        if (options.ForwardOnly)
        {
            var timed = options.PtIterations is int cap ? published with { MaxIterations = cap } : published;
            using var solve = c.Objective(observed, null, timed, timed);
            return Forward(solve, logTruth);
        }
        using var synthetic = c.Objective(observed, null, published, publishedAdjoint);
        Say($"synthetic forward: {synthetic.Solve(logTruth)}");
        var data = synthetic.ObservedValues();

        if (options.CheckGradient)
            return CheckGradient();

        var solves = published with { AdaptiveChecks = !options.FixedChecks };
        var adjointSolves = publishedAdjoint with { AdaptiveChecks = !options.FixedChecks };
        using var objective = c.Objective(observed, data, solves, adjointSolves, warmStart: !options.ColdStart);
        using var smoothing = new GradientSmoothing(backend, grid, passes: 50);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, Preconditioner = smoothing, Reduction = grid });
        // One state file per process: each holds its own block's parameters, gradient and warm-start fields.
        string statePath = Path.Combine(options.Out, grid.Processes == 1 ? "inversion.state" : $"inversion.rank{grid.Rank}of{grid.Processes}.state");
        // What this process's state is for: a state of another case, grid or block is never resumed nor replaced unasked.
        string label = $"geothermal2d {c.NxGlobal}x{c.NyGlobal} cells, process {grid.Rank} of {grid.Processes}";
        InversionState state;
        double saved = grid.Sum([options.Resume && File.Exists(statePath) ? 1 : 0]);
        if (saved > 0 && saved < grid.Processes)
            throw new RefusedInputException($"--resume found the inversion state of only {saved} of the {grid.Processes} processes in {options.Out}: resume with the number of processes that wrote it, or start without --resume.");
        if (options.Resume && saved == 0 && Directory.Exists(options.Out) && Directory.GetFiles(options.Out, "inversion*.state").FirstOrDefault() is { } other)
            throw new RefusedInputException($"--resume found no inversion state for {grid.Processes} process(es) in {options.Out}, but {Path.GetFileName(other)}, written by a run on another number of processes: resume with that number, or start without --resume.");
        bool exists = File.Exists(statePath);
        string? written = exists ? StateLabel(statePath) : null;   // null: no state, or not a readable one
        if (!options.Resume && !options.Force && grid.Sum([exists && written != label ? 1 : 0]) > 0)
            throw new RefusedInputException($"{options.Out} holds the inversion state of another run ({(exists ? written ?? "damaged" : "another process")}; this one is {label}): choose another --out, or pass --force to replace it.");
        if (saved > 0 && grid.Sum([written is not null && written != label ? 1 : 0]) > 0)
            throw new RefusedInputException($"--resume found in {options.Out} the inversion state of another run ({written ?? "another process's"}; this one is {label}): resume with the options that wrote it, or start without --resume in another --out.");
        if (saved > 0)
        {
            state = InversionState.Load(statePath, label);
            if (state.Parameters.Length != objective.Parameters)
                throw new InvalidDataException($"{statePath} holds {state.Parameters.Length} parameters but this process owns {objective.Parameters} cells: it was written for another grid; start without --resume.");
            Say(state.Iteration >= options.Iterations
                ? $"the run in {options.Out} is complete ({state.Iteration} of {options.Iterations} iterations): its results are written again from the saved state; ask for more with --iterations"
                : $"resuming after iteration {state.Iteration} (J = {state.Cost:E4})");
        }
        else
        {
            state = lbfgs.Start(objective, new double[objective.Parameters]);   // K = 1 everywhere
            state.Label = label;
            state.Save(statePath);
            Say($"iteration 0: J = {state.Cost:E4}");
        }
        var forward = objective.LastForward;
        var adjoint = objective.LastAdjoint;
        bool completed = lbfgs.Run(objective, state, s =>
        {
            s.Save(statePath);
            forward ??= objective.LastForward;
            adjoint ??= objective.LastAdjoint;
            Say($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2} ({objective.ForwardSolves} solves, {watch.Elapsed.TotalSeconds:F0} s)");
        });
        if (!completed)
            Say($"stopped after iteration {state.Iteration}: the line search found no decrease of J along the L-BFGS direction");

        // Results: the recovered permeability against the truth, figures, fields, summary, from the gathered fields.
        objective.Solve(state.Parameters);
        string forwardSolve = forward is null ? "the final forward solve, at the recovered K (no inversion iteration ran)" : "the first forward solve of this run";
        forward ??= objective.LastForward;
        using var logK = backend.Allocate<double>(c.Nx, c.Ny);
        grid.SetOwnedValues(logK, state.Parameters);
        double meanPf = grid.Sum(c.Pf) / ((double)c.NxGlobal * c.NyGlobal);
        var globalLogK = grid.Gather(logK);
        var pf = grid.Gather(c.Pf);
        var qx = grid.Gather(c.Qx);
        var qy = grid.Gather(c.Qy);
        if (!grid.IsRoot) return 0;

        var truth = c.Global(c.TruePermeability);
        var log10K = globalLogK!.Select(v => v / Math.Log(10)).ToArray();
        var (inside, around) = BarrierMeans(log10K);
        Say($"mean log10 K inside the barrier {inside:F3}, around it {around:F3}; cost {state.CostHistory[0]:E3} -> {state.Cost:E3} ({state.CostHistory[0] / state.Cost:F0}x)");
        WriteOutputs(log10K);
        var summary = new
        {
            @case = "geothermal2d",
            backend = backend.Name,
            ranks = grid.Processes,
            dims = new[] { grid.Dims[0], grid.Dims[1] },
            grid = new[] { c.NxGlobal, c.NyGlobal },
            local_block = new[] { grid.Nx, grid.Ny },
            forward = new { solve = forwardSolve, iterations = forward?.Iterations, residual = forward?.Residual, target = forward?.Target, seconds = forward?.Seconds },
            adjoint = adjoint is null
                ? (object)new { solve = "none: no inversion iteration ran (the resumed run was complete)" }
                : new { solve = "the first adjoint solve of this run", iterations = adjoint.Iterations, residual = adjoint.Residual, target = adjoint.Target, seconds = adjoint.Seconds },
            inversion = new
            {
                iterations = state.Iteration,
                line_search_failed = !completed,
                warm_start = !options.ColdStart,
                adaptive_checks = !options.FixedChecks,
                // This process's solves (after --resume, those since the resume), the final one for the outputs included.
                solves = objective.ForwardSolves,
                adjoint_solves = objective.AdjointSolves,
                forward_iterations = objective.ForwardIterations,
                adjoint_iterations = objective.AdjointIterations,
                unconverged_solves = objective.Unconverged,
                cost_history = state.CostHistory,
                barrier_mean_log10K = inside,
                surroundings_mean_log10K = around,
            },
            halo = new { updates = grid.HaloUpdates, seconds = grid.HaloSeconds, bytes_sent_rank0 = grid.HaloBytesSent },
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Say($"PT iterations: {objective.ForwardIterations} forward, {objective.AdjointIterations} adjoint in {objective.ForwardSolves} forward and {objective.AdjointSolves} adjoint solves ({(options.ColdStart ? "each from rest" : "warm-started")}, {(options.FixedChecks ? "fixed" : "adaptive")} checks), {objective.Unconverged} not converged");
        Say($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;

        // The label of the state at path (states of earlier versions have none), or null where the file is not a readable state.
        static string? StateLabel(string path)
        {
            try { return InversionState.Load(path).Label is { Length: > 0 } label ? label : "a run of an earlier version"; }
            catch (InvalidDataException) { return null; }
        }

        // Mean log10 K inside the true barrier, and in a band around it (the cells within 0.2 lx of the centre, outside the barrier).
        (double Inside, double Around) BarrierMeans(double[] log10K)
        {
            int n = c.NxGlobal;
            var inBarrier = Enumerable.Range(0, log10K.Length).Where(i => truth[i] < 1e-3).ToList();
            var around = Enumerable.Range(0, log10K.Length).Where(i => truth[i] >= 1e-3
                && Math.Abs(((i % n) + 0.5) * c.Dx - Case.Lx / 2) < 0.2 * Case.Lx && Math.Abs(((i / n) + 0.5) * c.Dy - 0.55 * Case.Ly) < 0.35 * Case.Ly).ToList();
            return (inBarrier.Average(i => log10K[i]), around.Average(i => log10K[i]));
        }

        void WriteOutputs(double[] log10K)
        {
            int n = c.NxGlobal, m = c.NyGlobal;
            var points = observed.Select(o => ((o.I + 0.5) * c.Dx, (o.J + 0.5) * c.Dy)).ToArray();
            var pressure = pf!.Select(v => v - meanPf).ToArray();
            var qMagnitude = new double[n * m];
            for (int j = 0; j < m; j++)
                for (int i = 0; i < n; i++)
                {
                    double ux = 0.5 * (qx![i + (n + 1) * j] + qx[i + 1 + (n + 1) * j]);
                    double uy = 0.5 * (qy![i + n * j] + qy[i + n * (j + 1)]);
                    qMagnitude[i + n * j] = Math.Sqrt(ux * ux + uy * uy);
                }
            var trueLog10K = truth.Select(Math.Log10).ToArray();
            Plots.Heatmap(Path.Combine(options.Out, "log10K_true.png"), "true log10(K)", trueLog10K, n, m, Case.Lx, Case.Ly, points, (-6, 0));
            Plots.Heatmap(Path.Combine(options.Out, "log10K_recovered.png"), "recovered log10(K)", log10K, n, m, Case.Lx, Case.Ly, points);
            Plots.Heatmap(Path.Combine(options.Out, "pressure.png"), "pressure Pf (recovered K)", pressure, n, m, Case.Lx, Case.Ly);
            Plots.Heatmap(Path.Combine(options.Out, "flux_magnitude.png"), "|q| (recovered K)", qMagnitude, n, m, Case.Lx, Case.Ly);
            Plots.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory);
            VtkImageData.Write(Path.Combine(options.Out, "fields.vti"), n, m, 1, c.Dx, c.Dy, 1, new Dictionary<string, double[]>
            {
                ["log10K_true"] = trueLog10K,
                ["log10K_recovered"] = log10K,
                ["Pf"] = pressure,
                ["q_magnitude"] = qMagnitude,
            });
        }

        // Taylor test of the full J(log K) through forward PT, adjoint PT and gradient, at log K = 0.
        int CheckGradient()
        {
            var tight = published with { Tolerance = 1e-13, MaxIterations = 600 * c.NxGlobal, CheckEvery = c.NxGlobal };
            using var objective = c.Objective(observed, data, tight, tight);
            var m = new double[objective.Parameters];
            var g = new double[m.Length];
            double j0 = objective.CostAndGradient(m, g);
            // The direction from a seeded generator over the global cells, so it is the same on any number of processes.
            var random = new Random(3);
            var global = c.Global((_, _) => 2 * random.NextDouble() - 1);
            var dm = Owned(c, (i, j) => global[i + c.NxGlobal * j]);
            double gdm = grid.Dot(g, dm);
            var lines = new List<string> { "h,r0,r1" };
            var r0 = new List<double>();
            var r1 = new List<double>();
            for (int k = 0; k <= 7; k++)
            {
                double h = 0.001 / Math.Pow(2, k);
                double j = objective.Cost(m.Zip(dm, (a, b) => a + h * b).ToArray());
                r0.Add(Math.Abs(j - j0));
                r1.Add(Math.Abs(j - j0 - h * gdm));
                lines.Add(FormattableString.Invariant($"{h},{r0[^1]},{r1[^1]}"));
                Say($"h = {h:E3}: r0 = {r0[^1]:E3}, r1 = {r1[^1]:E3}");
            }
            double slope0 = Enumerable.Range(0, 7).Average(i => Math.Log2(r0[i] / r0[i + 1]));
            double slope1 = Enumerable.Range(0, 7).Average(i => Math.Log2(r1[i] / r1[i + 1]));
            if (grid.IsRoot)
            {
                File.WriteAllLines(Path.Combine(options.Out, "taylor.csv"), lines);
                File.WriteAllText(Path.Combine(options.Out, "taylor.json"), JsonSerializer.Serialize(new { slope_r0 = slope0, slope_r1 = slope1 }));
            }
            Say($"Taylor test on J(log K): slope r0 = {slope0:F3} (expect 1), slope r1 = {slope1:F3} (expect 2)");
            return Math.Abs(slope0 - 1) <= 0.1 && Math.Abs(slope1 - 2) <= 0.1 ? 0 : 1;
        }

        // A forward solve of the true K, solved twice (the first warms up the JIT), the second timed: the weak-scaling measurement.
        int Forward(SteadyStateObjective objective, double[] logK)
        {
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
            Say($"forward: {r.Iterations} iterations, residual {r.Residual:E2}, {r.Seconds:F3} s, {slowest * 1e6:F1} us per iteration (slowest process)");
            Say($"halo updates: {(grid.HaloUpdates - updates) / (double)r.Iterations:F1} per iteration, {haloPerUpdate * 1e6:F1} us and {bytesPerUpdate:F0} bytes sent each (rank 0), {(grid.HaloSeconds - haloSeconds) / r.Seconds:P1} of the solve");
            if (grid.IsRoot)
                File.WriteAllText(Path.Combine(options.Out, "forward.json"), JsonSerializer.Serialize(new
                {
                    ranks = grid.Processes,
                    dims = new[] { grid.Dims[0], grid.Dims[1] },
                    grid = new[] { c.NxGlobal, c.NyGlobal },
                    local_block = new[] { grid.Nx, grid.Ny },
                    threads = (backend as CpuBackend)?.Threads,
                    iterations = r.Iterations,
                    seconds = r.Seconds,
                    seconds_per_iteration = slowest,
                    halo_updates_per_iteration = (grid.HaloUpdates - updates) / (double)r.Iterations,
                    halo_seconds_per_update = haloPerUpdate,
                    halo_bytes_sent_per_update = bytesPerUpdate,
                }, new JsonSerializerOptions { WriteIndented = true }));
            return r.Converged || options.PtIterations is not null ? 0 : 1;
        }
    }

    /// <summary>Null when <paramref name="folder"/> exists or can be made and takes a file; else why not.</summary>
    private static string? Unwritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message.TrimEnd('.');
        }
    }

    /// <summary>This process's owned cells of a function of the global cell: a parameter vector.</summary>
    private static double[] Owned(Case c, Func<int, int, double> value)
    {
        var (x0, x1) = c.Grid.OwnedRange(0, c.Nx);
        var (y0, y1) = c.Grid.OwnedRange(1, c.Ny);
        var values = new double[(x1 - x0) * (y1 - y0)];
        for (int j = y0, p = 0; j < y1; j++)
            for (int i = x0; i < x1; i++, p++)
                values[p] = value(c.Grid.GlobalIndex(0, i, c.Nx), c.Grid.GlobalIndex(1, j, c.Ny));
        return values;
    }

    /// <summary>Forward solves of the published case at four resolutions (each solved twice, the second reported): iterations should grow like nx.</summary>
    private static int Scaling(Options options)
    {
        if (Unwritable(options.Out) is { } why)
            throw new ArgumentException($"Cannot write to the output folder '{options.Out}' ({why}): choose another with --out.");
        var rows = new List<object>();
        using var backend = options.Threads is int threads ? Backends.Cpu(threads) : Backends.Create(options.Backend);
        foreach (int ny in new[] { 31, 63, 127, 255 })
        {
            var (nx, _) = Case.PublishedGrid(ny);
            using var grid = GlobalGrid.FromGlobalSize(nx, ny);
            if (grid.Processes > 1)
                throw new ArgumentException("--scaling solves four grids on one process; run it without mpiexec.");
            using var c = new Case(backend, grid);
            using var objective = c.Objective(c.ObservationCells(), null, c.ForwardOptions, c.ForwardOptions);
            var logK = Owned(c, (i, j) => Math.Log(c.TruePermeability(i, j)));
            objective.Solve(logK);   // warm-up: the JIT optimises the launchers and the solver loop; not reported
            long launches = (backend as CpuBackend)?.Launches ?? 0;
            objective.Solve(logK);
            var r = objective.LastForward!;
            double? inKernels = r.KernelSeconds / r.Seconds;
            double? launchesPerIteration = backend is CpuBackend cpu ? (double)(cpu.Launches - launches) / r.Iterations : null;
            Console.WriteLine($"nx = {c.Nx,4}, ny = {c.Ny,4}: {r.Iterations,6} iterations, iterations/nx = {(double)r.Iterations / c.Nx:F1}, residual {r.Residual:E2}, {r.Seconds:F2} s, {r.Seconds / r.Iterations * 1e6:F1} us/iteration"
                + (inKernels is double f ? $", {f:P1} inside kernels ({launchesPerIteration:F1} launches per iteration)" : ""));
            rows.Add(new { nx = c.Nx, ny = c.Ny, iterations = r.Iterations, iterations_per_nx = (double)r.Iterations / c.Nx, residual = r.Residual, converged = r.Converged, seconds = r.Seconds, kernel_fraction = inKernels, launches_per_iteration = launchesPerIteration });
        }
        File.WriteAllText(Path.Combine(options.Out, "scaling.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }
}
