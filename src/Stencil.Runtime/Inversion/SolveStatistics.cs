namespace Stencil;

/// <summary>The forward and adjoint solves of an objective so far: how many, their PT iterations and seconds, and how many stopped unconverged.</summary>
public sealed record SolveStatistics(int ForwardSolves, int AdjointSolves, long ForwardIterations, long AdjointIterations, double ForwardSeconds, double AdjointSeconds, int Unconverged)
{
    /// <inheritdoc />
    public override string ToString()
        => $"{ForwardIterations} forward PT iterations in {ForwardSolves} solves, {AdjointIterations} adjoint in {AdjointSolves}, {Unconverged} not converged";
}
