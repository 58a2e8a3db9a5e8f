using System.Diagnostics;
using System.Text.Json;
using ScottPlot;
using Stencil;
using Stencil.Distributed;
using Stencil.Plots;

namespace Geothermal3D;

/// <summary>
/// The whole job: synthetic borehole pressures from the true K, L-BFGS on log K from K = 1, figures
/// and summary. On N processes every one runs the same code on its block; rank 0 prints and writes
/// the outputs from gathered fields.
/// </summary>
public static class Run3D
{
    /// <summary>Smoothing passes of the preconditioner.</summary>
    public const int SmoothingPasses = 20;

    public static int Execute(RunOptions options)
    {
        var watch = Stopwatch.StartNew();
        using var grid = options.CreateGrid(Console.Out);
        using var backend = grid.CreateBackend(options.Backend, options.Threads);
        void Say(string line)
        {
            if (grid.IsRoot) Console.WriteLine(line);
        }
        OutputFolder.Require(options.Out, grid);
        using var c = new Case3D(backend, grid);
        string cells = $"{c.NxGlobal} x {c.NyGlobal} x {c.NzGlobal}";
        var slab = c.Owned((i, j, k) => c.TruePermeability(i, j, k) < 1 ? 1 : 0);
        if (grid.Sum(slab) == 0)
            throw new ArgumentException($"The grid {cells} has no cell inside the slab (|x - 1| < 0.08, 0.3 < y < 0.8, 0.2 < z < 0.8): choose a finer --grid, at least 16x8x8.");
        var saved = new SavedInversion(options.Out, $"geothermal3d {cells} cells", grid) { Resume = options.Resume, Force = options.Force, Log = grid.IsRoot ? Console.Out : null };
        saved.Check();   // a saved state of another run is refused before any work
        var observed = c.ObservationCells();
        Say($"Geothermal3D on {backend.Name}: {cells} cells"
            + (grid.Processes > 1 ? $" on {grid.Processes} processes ({string.Join(" x ", grid.Dims)}, blocks of {grid.Nx} x {grid.Ny} x {grid.Nz})" : "")
            + $", {observed.Length} observations in {Case3D.Boreholes().Length} boreholes, output in {options.Out}");

        // Synthetic data: the pressure of the true permeability at the observation cells.
        var logTruth = c.Owned((i, j, k) => Math.Log(c.TruePermeability(i, j, k)));
        // Halo exchanges hidden behind the interior (slabs of 16 x 4 x 4 cells first) where a core is free to carry them.
        var hide = options.HideCommunication(grid, backend) ? new[] { 16, 4, 4 } : null;
        var (forward, adjoint) = (c.ForwardOptions with { HideCommunication = hide }, c.AdjointOptions with { HideCommunication = hide });
        double[] data;
        using (var synthetic = c.Objective(observed, forward, adjoint))
        {
            Say($"synthetic forward: {synthetic.Solve(logTruth)}");
            data = synthetic.ObservedValues();
        }

        using var objective = c.Objective(observed, forward, adjoint);
        objective.Data = data;
        using var smoothing = new SmoothingPreconditioner<double>(c.K, SmoothingPasses, (result, g) => Darcy3D.Smooth(backend, result, g), grid);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, Preconditioner = smoothing, Reduction = grid });
        var state = saved.Start(lbfgs, objective, new double[objective.Parameters]);   // K = 1 everywhere
        bool completed = saved.Run(lbfgs, objective, state, s =>
            Say($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2} ({objective.ForwardSolves} forward, {objective.AdjointSolves} adjoint solves, {watch.Elapsed.TotalSeconds:F0} s)"));

        // The slab against its surroundings, in log10 K: the recovered mean inside it and in the cells around it.
        double inside = grid.Sum(state.Parameters.Select((v, p) => slab[p] * v).ToArray()) / grid.Sum(slab) / Math.Log(10);
        double outside = grid.Sum(state.Parameters.Select((v, p) => (1 - slab[p]) * v).ToArray()) / grid.Sum(slab.Select(s => 1 - s).ToArray()) / Math.Log(10);
        double reduction = state.Cost / state.CostHistory[0];
        if (objective.ForwardSolves == 0) objective.Solve(state.Parameters);   // a resumed run that was complete: time one solve
        // Iterations per solve over nx, and T_eff: each state (or Ψ) read and written once per iteration, K, Qf and the
        // pressure steps (adjoint: K, the steps and ∂J/∂Pf) read once: 11 arrays of nx ny nz doubles (staggered ones counted as nx ny nz).
        double forwardPerNx = objective.ForwardIterations / (double)objective.ForwardSolves / c.NxGlobal;
        double adjointPerNx = objective.AdjointIterations / (double)Math.Max(1, objective.AdjointSolves) / c.NxGlobal;
        double bytes = 11.0 * c.NxGlobal * c.NyGlobal * c.NzGlobal * sizeof(double);
        double forwardTeff = bytes * objective.ForwardIterations / objective.ForwardSeconds / 1e9;
        double? adjointTeff = objective.AdjointSolves > 0 ? bytes * objective.AdjointIterations / objective.AdjointSeconds / 1e9 : null;
        Say($"recovered log10 K: {inside:F2} in the slab (truth -6), {outside:F2} around it (truth 0); J/J0 = {reduction:E2}");
        Say($"PT iterations: {forwardPerNx:F1} nx per forward solve ({objective.ForwardSolves} solves), {adjointPerNx:F1} nx per adjoint solve ({objective.AdjointSolves}), {objective.Unconverged} not converged");
        Say($"T_eff: forward {forwardTeff:F2} GB/s, adjoint {(adjointTeff is double a ? $"{a:F2} GB/s" : "none")} (11 arrays of {cells} doubles per PT iteration)");

        using var logK = backend.Allocate<double>(c.Nx, c.Ny, c.Nz);
        grid.SetOwnedValues(logK, state.Parameters);
        var recovered = grid.Gather(logK);
        if (grid.IsRoot)
        {
            int gx = c.NxGlobal, gy = c.NyGlobal, gz = c.NzGlobal;
            var truth = new double[gx * gy * gz];
            for (int k = 0, p = 0; k < gz; k++)
                for (int j = 0; j < gy; j++)
                    for (int i = 0; i < gx; i++, p++)
                        truth[p] = Math.Log10(c.TruePermeability(i, j, k));
            var log10 = recovered!.Select(v => v / Math.Log(10)).ToArray();
            // Horizontal slices through the wells' depth, and vertical sections through the row of boreholes nearest the wells.
            int kw = c.Wells()[0].K, jw = c.GlobalCell(0, Case3D.Boreholes().Select(b => b.Y).MinBy(y => Math.Abs(y - 0.45 * Case3D.Ly)), 0).J;
            double[] Horizontal(double[] f) => Enumerable.Range(0, gx * gy).Select(p => f[p + gx * gy * kw]).ToArray();
            double[] Vertical(double[] f) => Enumerable.Range(0, gx * gz).Select(p => f[p % gx + gx * (jw + gy * (p / gx))]).ToArray();
            var wells = c.Wells().Select(w => ((w.I + 0.5) * c.Dx, (w.J + 0.5) * c.Dy)).ToArray();
            var wellsXz = c.Wells().Select(w => ((w.I + 0.5) * c.Dx, (w.K + 0.5) * c.Dz)).ToArray();
            var boreholes = Case3D.Boreholes().Select(b => (c.GlobalCell(b.X, b.Y, 0))).Select(b => ((b.I + 0.5) * c.Dx, (b.J + 0.5) * c.Dy)).ToArray();
            var observedXz = observed.Where(o => o.J == jw).Select(o => ((o.I + 0.5) * c.Dx, (o.K + 0.5) * c.Dz)).ToArray();
            var plan = new MapStyle
            {
                ColourLabel = "log10 K", XLabel = "x (nondimensional)", YLabel = "y (nondimensional)", Range = (-6.0, 0.5), LegendAlignment = Alignment.LowerLeft, Height = 620,
                Markers = [Marks("boreholes (6 observation depths each)", Colors.Black, MarkerShape.OpenCircle, boreholes), Marks("wells (injection west, extraction east)", Colors.Magenta, MarkerShape.FilledSquare, wells)],
            };
            string depth = $"z = {(kw + 0.5) * c.Dz:F2}";
            Figures.Map(Path.Combine(options.Out, "log10K_true_xy.png"), $"True log10 K, horizontal slice at the wells' depth ({depth})", Horizontal(truth), gx, gy, Case3D.Lx, Case3D.Ly, plan);
            Figures.Map(Path.Combine(options.Out, "log10K_recovered_xy.png"), $"Recovered log10 K, horizontal slice at the wells' depth ({depth})", Horizontal(log10), gx, gy, Case3D.Lx, Case3D.Ly, plan);
            string wellsY = $"y = {(c.Wells()[0].J + 0.5) * c.Dy:F2}";
            var elevation = plan with
            {
                YLabel = "z (nondimensional)",
                Markers = [Marks("observations in this section", Colors.Black, MarkerShape.OpenCircle, observedXz), Marks($"wells (at {wellsY}, projected)", Colors.Magenta, MarkerShape.FilledSquare, wellsXz)],
            };
            string section = $"y = {(jw + 0.5) * c.Dy:F2}";
            Figures.Map(Path.Combine(options.Out, "log10K_true_xz.png"), $"True log10 K, vertical section through a row of boreholes ({section})", Vertical(truth), gx, gz, Case3D.Lx, Case3D.Lz, elevation);
            Figures.Map(Path.Combine(options.Out, "log10K_recovered_xz.png"), $"Recovered log10 K, vertical section through a row of boreholes ({section})", Vertical(log10), gx, gz, Case3D.Lx, Case3D.Lz, elevation);
            Figures.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory, "Inversion of log K: misfit");
            var summary = new
            {
                @case = "geothermal3d",
                backend = backend.Name,
                grid = new[] { gx, gy, gz },
                processes = grid.Processes,
                observations = observed.Length,
                iterations = state.Iteration,
                line_search_failed = !completed,
                cost_history = state.CostHistory,
                cost_reduction = reduction,
                log10K_slab_mean = inside,
                log10K_surroundings_mean = outside,
                forward_solves = objective.ForwardSolves,
                adjoint_solves = objective.AdjointSolves,
                forward_iterations_per_nx = forwardPerNx,
                adjoint_iterations_per_nx = adjointPerNx,
                forward_teff_gb_s = forwardTeff,
                adjoint_teff_gb_s = adjointTeff,
                teff_arrays_per_iteration = 11,
                unconverged_solves = objective.Unconverged,
                seconds_total = watch.Elapsed.TotalSeconds,
            };
            File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        }
        Say($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static MapMarkers Marks(string label, Color colour, MarkerShape shape, (double X, double Y)[] points) => new(points, colour) { Label = label, Shape = shape, Size = 9 };
}
