using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Plots;

namespace ShallowIce2D;

/// <summary>The case end to end: synthetic thickness from the true β, L-BFGS from the start β, figures and summary.</summary>
public static class IceRun
{
    /// <summary>The length over which the preconditioner spreads the gradient: β acts only near the ice margin, where the accumulation is below its cap.</summary>
    public const double SmoothingLength = 10;

    public static int Execute(Options options)
    {
        var watch = Stopwatch.StartNew();
        OutputFolder.Require(options.Out);   // before any work
        using var backend = options.Backend == "cpu" ? Backends.Cpu(options.Threads) : Backends.Create(options.Backend);
        using var c = new IceCase(backend, options.N);
        int n = c.N;
        Console.WriteLine($"ShallowIce2D on {backend.Name}: {n} x {n} cells, lx = ly = {IceCase.Lx}, output in {options.Out}");

        // Synthetic data: the steady thickness for the true β, grown from no ice.
        var trueBeta = c.TrueBeta();
        double[] observed;
        using (var truth = c.Objective(new double[n * n]))
        {
            truth.Solve(trueBeta);
            Console.WriteLine($"synthetic forward: {truth.LastForward}");
            observed = c.H.ToArray();
        }
        var ice = observed.Select(h => h > 0).ToArray();
        // Where the accumulation reaches its cap, M does not depend on β: the data say nothing of β there.
        var b = c.B.ToArray();
        var ela = c.Ela.ToArray();
        var acts = ice.Select((i, k) => i && trueBeta[k] * (b[k] + observed[k] - ela[k]) < IceCase.AccumulationCap).ToArray();
        Console.WriteLine($"observed ice: {ice.Count(i => i)} of {n * n} cells, thickest {observed.Max():F3}; beta acts on {acts.Count(a => a)} of them (accumulation below its cap)");

        using var objective = c.Objective(observed);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, FirstStep = 0.05, Preconditioner = new Smoothing(n, Smoothing.Passes(SmoothingLength, c.Dx)) });
        var start = c.StartBeta();
        var state = lbfgs.Start(objective, start);
        var startThickness = c.H.ToArray();
        Console.WriteLine($"iteration 0: J = {state.Cost:E4}, beta error on the ice {Error(start, ice):E2}; forward {objective.LastForward}; adjoint {objective.LastAdjoint}");
        bool completed = lbfgs.Run(objective, state, s =>
            Console.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2}, max |beta - beta_true| / beta_true on the ice {Error(s.Parameters, ice):E2}, where beta acts {Error(s.Parameters, acts):E2}"));
        if (!completed)
            Console.WriteLine($"stopped after iteration {state.Iteration}: the line search found no decrease of J (J/J0 = {state.Cost / state.CostHistory[0]:E2})");

        objective.Solve(state.Parameters);
        var recovered = state.Parameters;
        double error = Error(recovered, ice), errorWhereActs = Error(recovered, acts);
        double misfitReduction = state.Cost / state.CostHistory[0];
        Console.WriteLine($"recovered beta: max relative error on the ice {error:E2} (start {Error(start, ice):E2}), where beta acts {errorWhereActs:E2} (start {Error(start, acts):E2}); J/J0 = {misfitReduction:E2}");
        Console.WriteLine($"PT iterations: {objective.ForwardIterations} forward, {objective.AdjointIterations} adjoint in {objective.ForwardSolves} forward and {objective.AdjointSolves} adjoint solves, {objective.Unconverged} not converged");

        var thicknessRange = (0.0, observed.Max());
        var betaRange = (Math.Min(start.Min(), trueBeta.Min()), trueBeta.Max());
        var map = new MapStyle { XLabel = "x (nondimensional length)", YLabel = "y (nondimensional length)", Colormap = new ScottPlot.Colormaps.Viridis(), NaNColour = ScottPlot.Colors.LightGray, Width = 760, Height = 620 };
        var thickness = map with { ColourLabel = "H (nondimensional)", Range = thicknessRange };
        Figures.Map(Path.Combine(options.Out, "thickness_observed.png"), "Observed thickness H_obs (true beta)", observed, n, n, IceCase.Lx, IceCase.Ly, thickness);
        Figures.Map(Path.Combine(options.Out, "thickness_start.png"), "Thickness for the start beta", startThickness, n, n, IceCase.Lx, IceCase.Ly, thickness with { Range = (0.0, Math.Max(observed.Max(), startThickness.Max())) });
        Figures.Map(Path.Combine(options.Out, "thickness_recovered.png"), "Thickness for the recovered beta", c.H.ToArray(), n, n, IceCase.Lx, IceCase.Ly, thickness);
        var difference = c.H.ToArray().Select((h, k) => h - observed[k]).ToArray();
        double largest = Math.Max(difference.Max(Math.Abs), 1e-300);
        Figures.Map(Path.Combine(options.Out, "thickness_misfit.png"), "Misfit H - H_obs for the recovered beta", difference, n, n, IceCase.Lx, IceCase.Ly,
            map with { ColourLabel = "H - H_obs", Range = (-largest, largest), Colormap = new ScottPlot.Colormaps.Balance() });
        var acting = new MapMarkers(Enumerable.Range(0, n * n).Where(k => acts[k]).Select(k => (c.X(k % n), c.Y(k / n))).ToArray(), ScottPlot.Colors.Red)
        {
            Label = "cells where beta acts (accumulation below its cap)", Shape = ScottPlot.MarkerShape.OpenCircle, Size = 5,
        };
        var beta = map with { ColourLabel = "beta (nondimensional)", Range = betaRange, Markers = [acting] };
        Figures.Map(Path.Combine(options.Out, "beta_true.png"), "True beta on the observed ice (grey: no ice)", OnIce(trueBeta), n, n, IceCase.Lx, IceCase.Ly, beta);
        Figures.Map(Path.Combine(options.Out, "beta_recovered.png"), "Recovered beta on the observed ice (grey: no ice)", OnIce(recovered), n, n, IceCase.Lx, IceCase.Ly, beta);
        Figures.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory, "Inversion of β: misfit");
        var summary = new
        {
            @case = "shallowice2d",
            backend = backend.Name,
            n,
            lx = IceCase.Lx,
            ly = IceCase.Ly,
            ice_cells = ice.Count(i => i),
            iterations = state.Iteration,
            line_search_failed = !completed,
            cost_history = state.CostHistory,
            misfit_reduction = misfitReduction,
            beta_acts_cells = acts.Count(a => a),
            max_relative_beta_error_on_ice = error,
            start_max_relative_beta_error_on_ice = Error(start, ice),
            max_relative_beta_error_where_beta_acts = errorWhereActs,
            start_max_relative_beta_error_where_beta_acts = Error(start, acts),
            forward_solves = objective.ForwardSolves,
            adjoint_solves = objective.AdjointSolves,
            forward_iterations = objective.ForwardIterations,
            adjoint_iterations = objective.AdjointIterations,
            unconverged_solves = objective.Unconverged,
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;

        double Error(double[] beta, bool[] where) => Enumerable.Range(0, n * n).Where(k => where[k]).Max(k => Math.Abs(beta[k] - trueBeta[k]) / trueBeta[k]);
        double[] OnIce(double[] values) => values.Select((v, k) => ice[k] ? v : double.NaN).ToArray();
    }
}
