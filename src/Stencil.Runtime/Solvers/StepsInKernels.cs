using System.Numerics;

namespace Stencil;

/// <summary>
/// Decides whether the states a residual kernel steps can take their pseudo-time steps inside that
/// kernel (<see cref="FusedStep{T}"/>): one launch per kernel instead of one more per state, with
/// the same results bit for bit. All the kernel's states or none, and only where nothing can tell
/// the difference:
/// <list type="bullet">
/// <item>the kernel can step after writing each residual, and reads each state, if at all, only at
/// the point it writes (<see cref="DifferentiableKernel{T}.StepStates"/>);</item>
/// <item>no other kernel writes the residual, a state or its local steps, and each residual belongs
/// to one state;</item>
/// <item>off the points the kernel writes, where the separate step would still pass, it would change
/// nothing: the residual is +0 there, the state is not NaN and the step is a finite number ≥ +0
/// (then <c>u − D·0</c> is <c>u</c> to the bit; checked once, on a host copy, before the first iteration).</item>
/// </list>
/// </summary>
internal static class StepsInKernels
{
    /// <summary>Per field of <paramref name="kernel"/>, the step to take after writing it; null when the states must be stepped after the kernel.</summary>
    public static FusedStep?[]? Plan<T>(SteadyProblem<T> problem, BoundKernel<T> kernel, IReadOnlyList<SteadyProblem<T>.StateEntry> states)
        where T : unmanaged, INumber<T>
    {
        if (states.Count == 0) return null;
        var fields = kernel.Fields;
        var allowed = kernel.Kernel.StepStates;
        var steps = new FusedStep?[fields.Count];
        foreach (var state in states)
        {
            int written = Indices(fields, state.Residual).Single(j => kernel.Kernel.Written[j]);
            if (allowed[written] is not { } partners) return null;
            if (Indices(fields, state.State).Any(i => !partners.Contains(i))) return null;
            if (problem.Kernels.Count(k => k.Writes(state.Residual)) != 1 || problem.States.Count(s => ReferenceEquals(s.Residual, state.Residual)) != 1) return null;
            if (problem.Kernels.Any(k => k.Writes(state.State) || (state.Step.Field is not null && k.Writes(state.Step.Field)))) return null;
            if (!UnchangedOffTheBox(state, kernel.Kernel.WrittenBox(written, fields))) return null;
            steps[written] = new FusedStep<T>(state.State, state.Step, state.Residual);
        }
        // No step may read what another one writes.
        foreach (var state in states)
            if (states.Any(other => !ReferenceEquals(other, state) && (ReferenceEquals(other.State, state.State) || ReferenceEquals(other.Step.Field, state.State))))
                return null;
        return steps;
    }

    private static IEnumerable<int> Indices<T>(IReadOnlyList<Field<T>> fields, Field<T> field) where T : unmanaged
        => Enumerable.Range(0, fields.Count).Where(i => ReferenceEquals(fields[i], field));

    /// <summary>True when <c>u − D·R</c> is <c>u</c> at every point of the state outside <paramref name="box"/>.</summary>
    private static bool UnchangedOffTheBox<T>(SteadyProblem<T>.StateEntry state, Box box) where T : unmanaged, INumber<T>
    {
        var u = state.State;
        if (box.XLo <= 0 && box.XHi >= u.Nx - 1 && box.YLo <= 0 && box.YHi >= u.Ny - 1 && box.ZLo <= 0 && box.ZHi >= u.Nz - 1)
            return true;
        var scalar = T.CreateTruncating(state.Step.Scalar);
        if (state.Step.Field is null && !(T.IsPositive(scalar) && T.IsFinite(scalar))) return false;
        T[] r = state.Residual.ToArray(), values = u.ToArray();
        T[]? d = state.Step.Field?.ToArray();
        long p = 0;
        for (int z = 0; z < u.Nz; z++)
            for (int y = 0; y < u.Ny; y++)
                for (int x = 0; x < u.Nx; x++, p++)
                {
                    if (box.Contains(x, y, z)) continue;
                    if (!(T.IsZero(r[p]) && T.IsPositive(r[p])) || T.IsNaN(values[p])) return false;
                    if (d is not null && !(T.IsPositive(d[p]) && T.IsFinite(d[p]))) return false;
                }
        return true;
    }
}
