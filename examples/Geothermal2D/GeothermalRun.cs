using System.Diagnostics;
using System.Text.Json;
using Stencil;

namespace Geothermal2D;

/// <summary>The main job: synthetic data, L-BFGS inversion with saved state, figures and summary; or the Taylor test; or the iteration scaling.</summary>
public static class GeothermalRun
{
    public static int Execute(Options options)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(options.Out);
        using var backend = Backends.Create(options.Backend);
        if (options.Scaling)
            return Scaling(backend, options.Out);
        using var c = new Case(backend, options.Quick ? 31 : 127);
        var observed = c.ObservationCells();
        Console.WriteLine($"Geothermal2D on {backend.Name}: {c.Nx} x {c.Ny} cells, {observed.Length} observations, output in {options.Out}");

        // Synthetic data: the pressure of the true permeability at the observation cells.
        var truth = c.TruePermeability();
        var logTruth = truth.Select(k => Math.Log(k)).ToArray();
        using var synthetic = new GeothermalObjective(c, observed, new double[observed.Length], c.ForwardOptions, c.ForwardOptions);
        synthetic.Solve(logTruth);
        Console.WriteLine($"synthetic forward: {synthetic.LastForward}");
        var data = observed.Select(cell => synthetic.Pressure()[cell]).ToArray();

        if (options.CheckGradient)
            return CheckGradient();

        var solves = c.ForwardOptions with { AdaptiveChecks = !options.FixedChecks };
        using var objective = new GeothermalObjective(c, observed, data, solves, solves, warmStart: !options.ColdStart);
        using var smoothing = new GradientSmoothing(backend, c.Nx, c.Ny, passes: 50);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, Preconditioner = smoothing });
        string statePath = Path.Combine(options.Out, "inversion.state");
        InversionState state;
        if (options.Resume && File.Exists(statePath))
        {
            state = InversionState.Load(statePath);
            Console.WriteLine($"resuming after iteration {state.Iteration} (J = {state.Cost:E4})");
        }
        else
        {
            state = lbfgs.Start(objective, new double[c.Nx * c.Ny]);   // K = 1 everywhere
            state.Save(statePath);
            Console.WriteLine($"iteration 0: J = {state.Cost:E4}");
        }
        var forward = objective.LastForward;
        var adjoint = objective.LastAdjoint;
        bool completed = lbfgs.Run(objective, state, s =>
        {
            s.Save(statePath);
            forward ??= objective.LastForward;
            adjoint ??= objective.LastAdjoint;
            Console.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2} ({objective.Evaluations} solves, {watch.Elapsed.TotalSeconds:F0} s)");
        });
        if (!completed)
            Console.WriteLine($"stopped after iteration {state.Iteration}: the line search found no decrease of J along the L-BFGS direction");

        // Results: the recovered permeability against the truth, figures, fields, summary.
        var logK = state.Parameters;
        objective.Solve(logK);
        var log10K = logK.Select(v => v / Math.Log(10)).ToArray();
        var (inside, around) = BarrierMeans(log10K);
        Console.WriteLine($"mean log10 K inside the barrier {inside:F3}, around it {around:F3}; cost {state.CostHistory[0]:E3} -> {state.Cost:E3} ({state.CostHistory[0] / state.Cost:F0}x)");
        WriteOutputs(log10K);
        var summary = new
        {
            @case = "geothermal2d",
            backend = backend.Name,
            ranks = 1,
            grid = new[] { c.Nx, c.Ny },
            forward = new { iterations = forward?.Iterations, residual = forward?.Residual, seconds = forward?.Seconds },
            adjoint = new { iterations = adjoint?.Iterations, residual = adjoint?.Residual, seconds = adjoint?.Seconds },
            inversion = new
            {
                iterations = state.Iteration,
                line_search_failed = !completed,
                warm_start = !options.ColdStart,
                adaptive_checks = !options.FixedChecks,
                // This process's solves (after --resume, those since the resume), the final one for the outputs included.
                solves = objective.Evaluations,
                forward_iterations = objective.ForwardIterations,
                adjoint_iterations = objective.AdjointIterations,
                cost_history = state.CostHistory,
                barrier_mean_log10K = inside,
                surroundings_mean_log10K = around,
            },
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"PT iterations: {objective.ForwardIterations} forward, {objective.AdjointIterations} adjoint in {objective.Evaluations} solves ({(options.ColdStart ? "each forward from rest" : "forward solves warm-started")}, {(options.FixedChecks ? "fixed" : "adaptive")} checks)");
        Console.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;

        // Mean log10 K inside the true barrier, and in a band around it (the cells within 0.2 lx of the centre, outside the barrier).
        (double Inside, double Around) BarrierMeans(double[] log10K)
        {
            var inBarrier = Enumerable.Range(0, log10K.Length).Where(i => truth[i] < 1e-3).ToList();
            var around = Enumerable.Range(0, log10K.Length).Where(i => truth[i] >= 1e-3
                && Math.Abs(((i % c.Nx) + 0.5) * c.Dx - Case.Lx / 2) < 0.2 * Case.Lx && Math.Abs(((i / c.Nx) + 0.5) * c.Dy - 0.55 * Case.Ly) < 0.35 * Case.Ly).ToList();
            return (inBarrier.Average(i => log10K[i]), around.Average(i => log10K[i]));
        }

        void WriteOutputs(double[] log10K)
        {
            var points = observed.Select(cell => (((cell % c.Nx) + 0.5) * c.Dx, ((cell / c.Nx) + 0.5) * c.Dy)).ToArray();
            var pf = objective.Pressure();
            var qx = c.Qx.ToArray();
            var qy = c.Qy.ToArray();
            var qMagnitude = new double[c.Nx * c.Ny];
            for (int j = 0; j < c.Ny; j++)
                for (int i = 0; i < c.Nx; i++)
                {
                    double ux = 0.5 * (qx[i + (c.Nx + 1) * j] + qx[i + 1 + (c.Nx + 1) * j]);
                    double uy = 0.5 * (qy[i + c.Nx * j] + qy[i + c.Nx * (j + 1)]);
                    qMagnitude[i + c.Nx * j] = Math.Sqrt(ux * ux + uy * uy);
                }
            var trueLog10K = truth.Select(Math.Log10).ToArray();
            Plots.Heatmap(Path.Combine(options.Out, "log10K_true.png"), "true log10(K)", trueLog10K, c.Nx, c.Ny, Case.Lx, Case.Ly, points, (-6, 0));
            Plots.Heatmap(Path.Combine(options.Out, "log10K_recovered.png"), "recovered log10(K)", log10K, c.Nx, c.Ny, Case.Lx, Case.Ly, points);
            Plots.Heatmap(Path.Combine(options.Out, "pressure.png"), "pressure Pf (recovered K)", pf, c.Nx, c.Ny, Case.Lx, Case.Ly);
            Plots.Heatmap(Path.Combine(options.Out, "flux_magnitude.png"), "|q| (recovered K)", qMagnitude, c.Nx, c.Ny, Case.Lx, Case.Ly);
            Plots.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory);
            VtkImageData.Write(Path.Combine(options.Out, "fields.vti"), c.Nx, c.Ny, 1, c.Dx, c.Dy, 1, new Dictionary<string, double[]>
            {
                ["log10K_true"] = trueLog10K,
                ["log10K_recovered"] = log10K,
                ["Pf"] = pf,
                ["q_magnitude"] = qMagnitude,
            });
        }

        // Taylor test of the full J(log K) through forward PT, adjoint PT and gradient, at log K = 0.
        int CheckGradient()
        {
            var tight = c.ForwardOptions with { Tolerance = 1e-13, MaxIterations = 600 * c.Nx, CheckEvery = c.Nx };
            using var objective = new GeothermalObjective(c, observed, data, tight, tight);
            var m = new double[c.Nx * c.Ny];
            var g = new double[m.Length];
            double j0 = objective.CostAndGradient(m, g);
            var random = new Random(3);
            var dm = m.Select(_ => 2 * random.NextDouble() - 1).ToArray();
            double gdm = g.Zip(dm, (a, b) => a * b).Sum();
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
                Console.WriteLine($"h = {h:E3}: r0 = {r0[^1]:E3}, r1 = {r1[^1]:E3}");
            }
            double slope0 = Enumerable.Range(0, 7).Average(i => Math.Log2(r0[i] / r0[i + 1]));
            double slope1 = Enumerable.Range(0, 7).Average(i => Math.Log2(r1[i] / r1[i + 1]));
            File.WriteAllLines(Path.Combine(options.Out, "taylor.csv"), lines);
            File.WriteAllText(Path.Combine(options.Out, "taylor.json"), JsonSerializer.Serialize(new { slope_r0 = slope0, slope_r1 = slope1 }));
            Console.WriteLine($"Taylor test on J(log K): slope r0 = {slope0:F3} (expect 1), slope r1 = {slope1:F3} (expect 2)");
            return Math.Abs(slope0 - 1) <= 0.1 && Math.Abs(slope1 - 2) <= 0.1 ? 0 : 1;
        }
    }

    /// <summary>Forward solves of the published case at four resolutions (each solved twice, the second reported): iterations should grow like nx (REFERENCE.md §2).</summary>
    private static int Scaling(Backend backend, string output)
    {
        var rows = new List<object>();
        foreach (int ny in new[] { 31, 63, 127, 255 })
        {
            using var c = new Case(backend, ny);
            using var objective = new GeothermalObjective(c, c.ObservationCells(), new double[64], c.ForwardOptions, c.ForwardOptions);
            var logK = c.TruePermeability().Select(k => Math.Log(k)).ToArray();
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
        File.WriteAllText(Path.Combine(output, "scaling.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }
}
