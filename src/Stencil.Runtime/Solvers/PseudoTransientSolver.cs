using System.Diagnostics;
using System.Numerics;

namespace Stencil;

/// <summary>
/// Accelerated pseudo-transient iteration (Räss et al. 2022). One iteration computes the local
/// steps (<see cref="SteadyProblem{T}.StepKernels"/>, where declared), then sweeps the residual kernels in
/// declaration order; after each kernel, the states whose residuals it wrote take their
/// step u_i ← u_i − D_i R_i (so later kernels see the updated states, as in the published scripts).
/// The monitored residuals are checked every <see cref="PseudoTransientOptions.CheckEvery"/>
/// iterations (sooner where <see cref="PseudoTransientOptions.AdaptiveChecks"/> predicts
/// convergence). Acceleration comes from the formulation (fluxes as states with their own
/// pseudo-time derivative) and the steps from <see cref="PseudoTransientParameters"/>. Where the
/// results stay the same bits, a kernel takes its states' steps itself, right after writing their
/// residuals (<see cref="StepFusion"/>): one launch and one pass over the fields fewer per state.
/// On a global grid (<see cref="SteadyProblem{T}.Grid"/>), the halos of the states a kernel stepped
/// are updated before the next kernel reads them, and the checks reduce over the owned points, so
/// every process iterates the same number of times and the owned points take the values a single
/// process computes.
/// </summary>
public static class PseudoTransientSolver
{
    /// <summary>Iterates the problem's states towards R = 0 and reports progress at every check.</summary>
    public static SolveResult Solve<T>(SteadyProblem<T> problem, PseudoTransientOptions options, IProgress<ResidualCheck>? progress = null)
        where T : unmanaged, INumber<T>
    {
        options.Validate();
        if (problem.States.Count == 0 || problem.Kernels.Count == 0)
            throw new InvalidOperationException("The problem needs at least one state and one residual kernel.");
        var stages = problem.Kernels.Select(k =>
        {
            var states = problem.States.Where(s => k.Writes(s.Residual)).ToArray();
            return (Kernel: k, States: states, Fused: options.StepsInKernels ? StepFusion.InKernel(problem, k, states) : null,
                Halo: states.Select(s => s.State).ToArray());
        }).ToArray();
        var monitored = problem.Monitored.Select(s => (s.Name, s.Residual)).ToList();
        var grid = problem.Grid;
        // Kernels that step their states inside can compute their boundary first and hide the exchange behind the interior.
        var hidden = stages.Select(s => s.Fused is { } fused && options.HideCommunication is not null && s.Halo.Length > 0
            ? () => s.Kernel.Forward(problem.Backend, fused)
            : (Action?)null).ToArray();
        var result = Iterate(monitored, grid, options, progress, _ =>
        {
            problem.ComputeSteps();
            for (int k = 0; k < stages.Length; k++)
            {
                var (kernel, states, fused, halo) = stages[k];
                if (hidden[k] is { } compute)
                {
                    grid.HideCommunication<T>(options.HideCommunication!, compute, halo);
                    continue;
                }
                if (fused is not null) kernel.Forward(problem.Backend, fused);
                else
                {
                    kernel.Forward(problem.Backend);
                    foreach (var s in states) Step(s.State, s.Step, s.Residual);
                }
                if (halo.Length > 0) grid.UpdateHalo<T>(halo);
            }
        });
        return result with { StepsInKernels = stages.Where(s => s.Fused is not null).SelectMany(s => s.States.Select(x => x.Name)).ToArray() };
    }

    /// <summary>u ← u − D r, D a scalar or a field.</summary>
    internal static void Step<T>(Field<T> u, PseudoStep<T> step, Field<T> r) where T : unmanaged, INumber<T>
    {
        if (step.Field is { } d) FieldOps.SubtractProduct(u, d, r);
        else FieldOps.Axpy(u, -step.Scalar, r);
    }

    /// <summary>
    /// The loop shared by the forward and adjoint solves: sweep, then check now and then. The sweep
    /// is told whether a check follows it (the adjoint sweep then masks what the check reads).
    /// <see cref="PseudoTransientOptions.RelativeTolerance"/> is relative to <c>scale</c>, or where it
    /// is null to the residual at the first check.
    /// </summary>
    internal static SolveResult Iterate<T>(IReadOnlyList<(string Name, Field<T> Residual)> monitored, IGlobalGrid grid, PseudoTransientOptions options,
        IProgress<ResidualCheck>? progress, Action<bool> sweep, double? scale = null) where T : unmanaged
    {
        var cpu = monitored.Count > 0 ? monitored[0].Residual.Backend as CpuBackend : null;
        var kernelStart = cpu?.KernelTime ?? TimeSpan.Zero;
        double? KernelSeconds() => cpu is null ? null : (cpu.KernelTime - kernelStart).TotalSeconds;
        var watch = Stopwatch.StartNew();
        var history = new List<ResidualCheck>();
        double first = double.NaN, error = double.NaN;
        double target = scale is double given ? Target(options, given) : double.NaN;
        int iteration = 0, nextCheck = 1;
        while (iteration < options.MaxIterations)
        {
            iteration++;
            bool check = iteration == nextCheck;
            sweep(check);
            if (check)
            {
                error = 0;
                foreach (var (name, field) in monitored)
                {
                    double e = grid.MaxAbs(field);
                    if (!double.IsFinite(e))
                        throw new SolverDivergedException(name, iteration, e,
                            $"Residual '{name}' became {e} at iteration {iteration}: the pseudo-time step is likely too large for the grid (check the CFL number and Re), or the initial state or parameters hold NaN.");
                    error = Math.Max(error, e);
                }
                if (double.IsNaN(first)) first = error;
                if (double.IsNaN(target)) target = Target(options, first);
                history.Add(new ResidualCheck(iteration, error));
                progress?.Report(new ResidualCheck(iteration, error));
                // A residual of exactly 0 is converged even against a target of 0 (a zero right-hand side).
                if (error < target || error == 0)
                    return new SolveResult(true, iteration, error, watch.Elapsed.TotalSeconds, history, KernelSeconds()) { Target = target };
                if (first > 0 && error > options.DivergenceFactor * first)
                    throw new SolverDivergedException(monitored[0].Name, iteration, error,
                        $"The residual grew from {first:E3} to {error:E3} by iteration {iteration}: the iteration diverges; reduce the pseudo-time steps (CFL number) or check the signs of the residuals.");
                nextCheck = NextCheck(history, options, target);
            }
        }
        return new SolveResult(false, iteration, error, watch.Elapsed.TotalSeconds, history, KernelSeconds()) { Target = target };
    }

    /// <summary>The absolute residual to reach: max(Tolerance, RelativeTolerance × scale).</summary>
    private static double Target(PseudoTransientOptions options, double scale) => Math.Max(options.Tolerance, options.RelativeTolerance * scale);

    /// <summary>
    /// The iteration of the check after the last one in <paramref name="history"/>: the next multiple
    /// of CheckEvery; with <see cref="PseudoTransientOptions.AdaptiveChecks"/> and a residual that fell
    /// between the last two checks, where it would reach the tolerance at that geometric rate
    /// (CheckEvery/8 to CheckEvery iterations on). Every rank sees the same reduced residuals, so
    /// distributed solves check at the same iterations.
    /// </summary>
    private static int NextCheck(IReadOnlyList<ResidualCheck> history, PseudoTransientOptions options, double target)
    {
        var last = history[^1];
        if (!options.AdaptiveChecks || history.Count < 2 || !(last.Residual < history[^2].Residual))
            return (last.Iteration / options.CheckEvery + 1) * options.CheckEvery;
        var before = history[^2];
        double rate = Math.Log(before.Residual / last.Residual) / (last.Iteration - before.Iteration);
        double remaining = Math.Log(last.Residual / target) / rate;
        return last.Iteration + (int)Math.Clamp(Math.Ceiling(remaining), Math.Max(1, options.CheckEvery / 8), options.CheckEvery);
    }
}
