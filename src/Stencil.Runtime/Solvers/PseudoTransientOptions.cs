namespace Stencil;

/// <summary>When a pseudo-transient iteration stops and how often it looks.</summary>
public sealed record PseudoTransientOptions
{
    /// <summary>
    /// Converged when the largest max-abs residual falls below this absolute value, or below
    /// <see cref="RelativeTolerance"/> times the solve's scale, whichever is larger (PETSc's
    /// max(atol, rtol ‖b‖)). Zero leaves only the relative test.
    /// </summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>
    /// Converged when the largest max-abs residual falls below this fraction of the solve's scale:
    /// in an adjoint solve the right-hand side, max |∂J/∂u| over the states, so that the accuracy of
    /// Ψ, and of the gradient, does not depend on the units of J; in a forward solve the residual at
    /// the first check (a warm-started solve, whose first residual is already small, is held to a
    /// stricter absolute level). Zero (the default) leaves only <see cref="Tolerance"/>.
    /// </summary>
    public double RelativeTolerance { get; init; }

    /// <summary>Iteration cap; reaching it without convergence is reported, not thrown.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Residual norms are checked every this many iterations (reductions cost a sync).</summary>
    public int CheckEvery { get; init; } = 100;

    /// <summary>
    /// Whether to check sooner than <see cref="CheckEvery"/> iterations on where the residual's decay
    /// predicts convergence sooner. After two checks with a falling residual, the next check comes
    /// where the residual, decaying at the rate between them, would reach the target (<see cref="SolveResult.Target"/>),
    /// but no sooner than <see cref="CheckEvery"/>/8 and no later than <see cref="CheckEvery"/>
    /// iterations on. A fixed schedule runs on average half of <see cref="CheckEvery"/> iterations
    /// past convergence per solve; this saves most of them, at the price of a few more checks and of
    /// iteration counts that are no longer multiples of <see cref="CheckEvery"/>. False (the
    /// default): checks at iteration 1 and at the multiples of <see cref="CheckEvery"/>.
    /// </summary>
    public bool AdaptiveChecks { get; init; }

    /// <summary>Stops with an error when the residual grows by this factor over its first check.</summary>
    public double DivergenceFactor { get; init; } = 1e10;

    /// <summary>
    /// Whether kernels may take their states' pseudo-time steps right after writing the residuals
    /// (in an adjoint solve: the last gathers into the adjoint residuals, between checks), where the
    /// results are the same bits as with a separate step after each kernel (the default;
    /// <see cref="SolveResult.StepsInKernels"/> says which did). False: always the separate steps.
    /// </summary>
    public bool StepsInKernels { get; init; } = true;

    /// <summary>
    /// On a global grid of several processes: the widths (points per axis, e.g. 16, 8, 4) of the
    /// boundary slabs that each kernel computes before the halo exchange starts, so that the interior
    /// is computed while the messages travel (<see cref="IGlobalGrid.HideCommunication{T}"/>). Results
    /// are the same bits. Null (the default): compute, then exchange. Applies to the kernels that take
    /// their states' steps inside, and in an adjoint solve to the gathers that take Ψ's steps between
    /// checks (<see cref="StepFusion"/>); the others exchange after their steps.
    /// </summary>
    public IReadOnlyList<int>? HideCommunication { get; init; }

    internal void Validate()
    {
        if (HideCommunication is { } widths && widths.Any(w => w < 1))
            throw new ArgumentOutOfRangeException(nameof(HideCommunication), $"Boundary widths must be at least 1; got {string.Join(", ", widths)}.");
        if (!(Tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), $"Tolerance must be zero or positive; got {Tolerance}.");
        if (!(RelativeTolerance >= 0 && RelativeTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), $"RelativeTolerance must be at least 0 and below 1; got {RelativeTolerance}.");
        if (Tolerance == 0 && RelativeTolerance == 0) throw new ArgumentOutOfRangeException(nameof(Tolerance), "Tolerance and RelativeTolerance are both 0, so no solve could converge: set one of them (e.g. Tolerance = 1e-8, or RelativeTolerance = 1e-10).");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"MaxIterations must be at least 1; got {MaxIterations}.");
        if (CheckEvery < 1) throw new ArgumentOutOfRangeException(nameof(CheckEvery), $"CheckEvery must be at least 1; got {CheckEvery}.");
    }
}

/// <summary>One convergence check: iteration and the largest max-abs residual.</summary>
public readonly record struct ResidualCheck(int Iteration, double Residual);

/// <summary>
/// How a pseudo-transient solve ended. <see cref="KernelSeconds"/>: the part of <see cref="Seconds"/>
/// spent inside CPU kernel launches (the rest is overhead between launches); null on ILGPU backends,
/// whose launches return before the kernel ends.
/// </summary>
public sealed record SolveResult(bool Converged, int Iterations, double Residual, double Seconds, IReadOnlyList<ResidualCheck> History, double? KernelSeconds = null)
{
    /// <summary>The absolute residual the solve had to fall below: the larger of the tolerance and the relative tolerance times the solve's scale.</summary>
    public double Target { get; init; }

    /// <summary>The states whose steps their residual kernels (adjoint solves: their last gathers) took (<see cref="PseudoTransientOptions.StepsInKernels"/>); the others were stepped after the kernels.</summary>
    public IReadOnlyList<string> StepsInKernels { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{(Converged ? "converged" : "not converged")} after {Iterations} iterations, residual {Residual:E3} (target {Target:E3}), {Seconds:F2} s";
}

/// <summary>A pseudo-transient iteration produced NaN or infinity, or diverged.</summary>
public sealed class SolverDivergedException(string field, int iteration, double residual, string message) : Exception(message)
{
    /// <summary>The residual field where it was seen.</summary>
    public string Field { get; } = field;

    /// <summary>The iteration of the check that saw it.</summary>
    public int Iteration { get; } = iteration;

    /// <summary>The max-abs residual seen.</summary>
    public double Residual { get; } = residual;
}
