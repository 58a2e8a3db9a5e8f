namespace Stencil;

/// <summary>
/// An objective whose evaluations depend on the ones before: one that starts each PT solve from the
/// last solution (a warm start) instead of from rest. What it keeps is part of the optimisers' saved
/// <see cref="InversionState"/> (<see cref="InversionState.ObjectiveState"/>), so that a resumed run
/// evaluates exactly as an uninterrupted one would.
/// </summary>
public interface IStatefulObjective : IObjective
{
    /// <summary>A copy of what the next evaluation starts from, by name (empty before the first evaluation).</summary>
    IReadOnlyDictionary<string, double[]> SaveState();

    /// <summary>Makes the next evaluation start from <paramref name="state"/>, as written by <see cref="SaveState"/>.</summary>
    void RestoreState(IReadOnlyDictionary<string, double[]> state);
}
