using System.Numerics;

namespace Stencil;

/// <summary>
/// Decides whether the adjoint solver's step of a state, Ψ ← Ψ − D (Ψ̄ − g) where D ≠ 0 then
/// Ψ̄ ← 0, can be taken inside the last gather that adds to Ψ̄ (<see cref="FusedStep{T}.Adjoint"/>):
/// one launch and one pass over Ψ, D, Ψ̄ and g fewer per state and iteration, with the same results
/// bit for bit. Only where nothing can tell the difference:
/// <list type="bullet">
/// <item>the kernel's adjoint takes steps (<see cref="DifferentiableKernel{T}.GathersTakeSteps"/>)
/// and has no field updated in place (their pass runs after the gathers and changes seeds);</item>
/// <item>the state is one of the kernel's fields once (one gather adds to Ψ̄);</item>
/// <item>that gather reads Ψ only at its own point: the kernel does not write the state's residual,
/// or it writes it where it reads the state only at the written point
/// (<see cref="DifferentiableKernel{T}.StepStates"/>), so the seed Ψ is read only there.</item>
/// </list>
/// A gather writes every point of its adjoint, so the step covers the whole field, as the separate one.
/// </summary>
internal static class StepsInGathers
{
    /// <summary>Per field of <paramref name="kernel"/>, the step its gather takes; null when the state must be stepped after it.</summary>
    public static FusedStep?[]? Plan<T>(BoundKernel<T> kernel, SteadyProblem<T>.StateEntry state, Field<T> psi, Field<T> maskedSteps, Field<T> bar, Field<T>? source)
        where T : unmanaged, INumber<T>
    {
        var descriptor = kernel.Kernel;
        var fields = kernel.Fields;
        if (!descriptor.GathersTakeSteps) return null;
        if (Enumerable.Range(0, fields.Count).Any(j => descriptor.Written[j] && descriptor.Inputs[j])) return null;
        var at = Indices(fields, state.State).ToList();
        if (at.Count != 1 || descriptor.Written[at[0]]) return null;
        foreach (int w in Indices(fields, state.Residual))
            if (!descriptor.Written[w] || descriptor.StepStates[w] is not { } partners || !partners.Contains(at[0])) return null;
        if (source is not null && (!ReferenceEquals(source.Backend, psi.Backend) || source.Rank != psi.Rank || source.Nx != psi.Nx || source.Ny != psi.Ny || source.Nz != psi.Nz))
            return null;   // the separate step's field operations report the mismatch
        var steps = new FusedStep?[fields.Count];
        steps[at[0]] = FusedStep<T>.Adjoint(psi, maskedSteps, bar, source);
        return steps;
    }

    private static IEnumerable<int> Indices<T>(IReadOnlyList<Field<T>> fields, Field<T> field) where T : unmanaged
        => Enumerable.Range(0, fields.Count).Where(i => ReferenceEquals(fields[i], field));
}
