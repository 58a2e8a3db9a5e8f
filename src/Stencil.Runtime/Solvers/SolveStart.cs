namespace Stencil;

/// <summary>Where a pseudo-transient solve of an inversion starts.</summary>
public enum SolveStart
{
    /// <summary>From rest (or the problem's initial state): every solve the same for the same parameters.</summary>
    Rest,

    /// <summary>From the last solution: consecutive parameters of an inversion differ little, so fewer iterations are needed.</summary>
    LastSolution,
}
