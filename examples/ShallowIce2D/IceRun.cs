using System.Diagnostics;
using System.Text.Json;
using Stencil;

namespace ShallowIce2D;

/// <summary>The case end to end: synthetic thickness from the true β, L-BFGS from the start β, figures and summary.</summary>
public static class IceRun
{
    /// <summary>The length over which the preconditioner spreads the gradient: β acts only near the ice margin, where the accumulation is below its cap.</summary>
    public const double SmoothingLength = 10;

    public static int Execute(Options options)
    {
        var watch = Stopwatch.StartNew();
        // Before any work: the folder must take files.
        try
        {
            Directory.CreateDirectory(options.Out);
            File.WriteAllText(Path.Combine(options.Out, ".write-test"), "");
            File.Delete(Path.Combine(options.Out, ".write-test"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot write to the output folder '{options.Out}' ({e.Message}): choose another with --out.");
        }
        using var backend = options.Backend == "cpu" ? Backends.Cpu(options.Threads) : Backends.Create(options.Backend);
        using var c = new IceCase(backend, options.N);
        int n = c.N;
        Console.WriteLine($"ShallowIce2D on {backend.Name}: {n} x {n} cells, lx = ly = {IceCase.Lx}, output in {options.Out}");

        // Synthetic data: the steady thickness for the true β, grown from no ice.
        var trueBeta = c.TrueBeta();
        double[] observed;
        using (var truth = new IceObjective(c, new double[n * n]))
        {
            truth.Solve(trueBeta);
            Console.WriteLine($"synthetic forward: {truth.LastForward}");
            observed = c.H.ToArray();
        }
        var ice = observed.Select(h => h > 0).ToArray();
        Console.WriteLine($"observed ice: {ice.Count(i => i)} of {n * n} cells, thickest {observed.Max():F3}");

        using var objective = new IceObjective(c, observed);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, FirstStep = 0.05, Preconditioner = new Smoothing(n, Smoothing.Passes(SmoothingLength, c.Dx)) });
        var start = c.StartBeta();
        var state = lbfgs.Start(objective, start);
        var startThickness = c.H.ToArray();
        Console.WriteLine($"iteration 0: J = {state.Cost:E4}, beta error on the ice {Error(start):E2}; forward {objective.LastForward}; adjoint {objective.LastAdjoint}");
        bool completed = lbfgs.Run(objective, state, s =>
            Console.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2}, max |beta - beta_true| / beta_true on the ice = {Error(s.Parameters):E2}"));
        if (!completed)
            Console.WriteLine($"stopped after iteration {state.Iteration}: the line search found no decrease of J (J/J0 = {state.Cost / state.CostHistory[0]:E2})");

        objective.Solve(state.Parameters);
        var recovered = state.Parameters;
        double error = Error(recovered);
        double misfitReduction = state.Cost / state.CostHistory[0];
        Console.WriteLine($"recovered beta: max relative error on the ice {error:E2} (start {Error(start):E2}); J/J0 = {misfitReduction:E2}");
        Console.WriteLine($"PT iterations: {objective.ForwardIterations} forward, {objective.AdjointIterations} adjoint in {objective.Solves} solves, {objective.Unconverged} not converged");

        var thicknessRange = (0.0, observed.Max());
        var betaRange = (Math.Min(start.Min(), trueBeta.Min()), trueBeta.Max());
        Plots.Map(Path.Combine(options.Out, "thickness_observed.png"), "Observed thickness H_obs (true beta)", "H", observed, n, IceCase.Lx, IceCase.Ly, thicknessRange);
        Plots.Map(Path.Combine(options.Out, "thickness_start.png"), "Thickness for the start beta", "H", startThickness, n, IceCase.Lx, IceCase.Ly, (0.0, Math.Max(observed.Max(), startThickness.Max())));
        Plots.Map(Path.Combine(options.Out, "thickness_recovered.png"), "Thickness for the recovered beta", "H", c.H.ToArray(), n, IceCase.Lx, IceCase.Ly, thicknessRange);
        Plots.Map(Path.Combine(options.Out, "beta_true.png"), "True beta on the observed ice (grey: no ice)", "beta", OnIce(trueBeta), n, IceCase.Lx, IceCase.Ly, betaRange);
        Plots.Map(Path.Combine(options.Out, "beta_recovered.png"), "Recovered beta on the observed ice (grey: no ice)", "beta", OnIce(recovered), n, IceCase.Lx, IceCase.Ly, betaRange);
        Plots.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory);
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
            max_relative_beta_error_on_ice = error,
            start_max_relative_beta_error_on_ice = Error(start),
            solves = objective.Solves,
            forward_iterations = objective.ForwardIterations,
            adjoint_iterations = objective.AdjointIterations,
            unconverged_solves = objective.Unconverged,
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;

        double Error(double[] beta) => Enumerable.Range(0, n * n).Where(k => ice[k]).Max(k => Math.Abs(beta[k] - trueBeta[k]) / trueBeta[k]);
        double[] OnIce(double[] values) => values.Select((v, k) => ice[k] ? v : double.NaN).ToArray();
    }
}
