using System.Diagnostics;
using System.Text.Json;
using Stencil;
using Stencil.Plots;

namespace PowerLaw1D;

/// <summary>The case end to end: synthetic thickness from n = 3, L-BFGS from n = 1, figures and summary.</summary>
public static class PowerLawRun
{
    public static int Execute(Options options)
    {
        var watch = Stopwatch.StartNew();
        OutputFolder.Require(options.Out);   // before any work
        // One thread: a 1D grid of a hundred points is done before more threads would start.
        using var backend = options.Backend == "cpu" ? Backends.Cpu(1) : Backends.Create(options.Backend);
        using var c = new PowerLawCase(backend, options.Nx);
        Console.WriteLine($"PowerLaw1D on {backend.Name}: {c.Nx} points, lx = {PowerLawCase.Lx}, output in {options.Out}");

        // Synthetic data: the steady thickness for the true exponent.
        var inner = c.Nx - 2;
        using (var truth = new PowerLawObjective(c, new double[c.Nx]))
        {
            truth.Solve(Enumerable.Repeat(PowerLawCase.TrueExponent, inner).ToArray());
            Console.WriteLine($"synthetic forward (n = {PowerLawCase.TrueExponent}): {truth.LastForward}");
        }
        var observed = c.H.ToArray();

        using var objective = new PowerLawObjective(c, observed);
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = options.Iterations, Preconditioner = new SensitivityScaling(observed[1..^1]) });
        var state = lbfgs.Start(objective, Enumerable.Repeat(PowerLawCase.StartExponent, inner).ToArray());
        var startThickness = c.H.ToArray();
        Console.WriteLine($"iteration 0 (n = {PowerLawCase.StartExponent}): J = {state.Cost:E4}; adjoint {objective.LastAdjoint}");
        bool completed = lbfgs.Run(objective, state, s =>
            Console.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4}, J/J0 = {s.Cost / s.CostHistory[0]:E2}, max |n - {PowerLawCase.TrueExponent}| / {PowerLawCase.TrueExponent} = {Error(s.Parameters):E2}"));
        if (!completed)
            Console.WriteLine($"stopped after iteration {state.Iteration}: the line search found no decrease of J"
                + (state.Cost < 1e-20 * state.CostHistory[0] ? ", which is at round-off" : $" (J/J0 = {state.Cost / state.CostHistory[0]:E2})"));

        objective.Solve(state.Parameters);
        var recovered = PowerLawObjective.Exponents(state.Parameters);
        double error = Error(state.Parameters);
        Console.WriteLine($"recovered n: max relative error on the inner points {error:E2}; cost {state.CostHistory[0]:E3} -> {state.Cost:E3}");
        Console.WriteLine($"PT iterations: {objective.ForwardIterations} forward, {objective.AdjointIterations} adjoint in {objective.Solves} solves, {objective.Unconverged} not converged");

        var x = Enumerable.Range(0, c.Nx).Select(c.X).ToArray();
        Plots.Profiles(Path.Combine(options.Out, "thickness.png"), "Steady thickness H", "H (nondimensional)", ScottPlot.Alignment.UpperRight, x,
            ("H for the start n", startThickness, true), ("observed: H for the true n = 3", observed, true), ("H for the recovered n", c.H.ToArray(), false));
        Plots.Profiles(Path.Combine(options.Out, "exponent.png"), "Power-law exponent n", "n", ScottPlot.Alignment.MiddleRight, x,
            ("start (the ends are known)", PowerLawObjective.Exponents(Enumerable.Repeat(PowerLawCase.StartExponent, inner).ToArray()), true),
            ("truth", Enumerable.Repeat(PowerLawCase.TrueExponent, c.Nx).ToArray(), true), ("recovered", recovered, false));
        Figures.Convergence(Path.Combine(options.Out, "convergence.png"), state.CostHistory, "Inversion: misfit against L-BFGS iteration");
        var summary = new
        {
            @case = "powerlaw1d",
            backend = backend.Name,
            nx = c.Nx,
            lx = PowerLawCase.Lx,
            true_exponent = PowerLawCase.TrueExponent,
            start_exponent = PowerLawCase.StartExponent,
            iterations = state.Iteration,
            line_search_failed = !completed,
            cost_history = state.CostHistory,
            max_relative_error_inner = error,
            recovered_exponent = recovered,
            solves = objective.Solves,
            forward_iterations = objective.ForwardIterations,
            adjoint_iterations = objective.AdjointIterations,
            unconverged_solves = objective.Unconverged,
            seconds_total = watch.Elapsed.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(options.Out, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static double Error(double[] inner) => inner.Max(n => Math.Abs(n - PowerLawCase.TrueExponent)) / PowerLawCase.TrueExponent;
}
