using System.Numerics;

namespace Stencil;

/// <summary>
/// Steps inside kernels: where the pseudo-time step of a state can be taken by the kernel that has
/// just computed what the step needs (<see cref="FusedStep{T}"/>), saving a launch and a pass over
/// the fields per state and iteration with the same results bit for bit. The generator says what
/// each kernel allows (<see cref="DifferentiableKernel{T}.StepStates"/>,
/// <see cref="DifferentiableKernel{T}.GathersTakeSteps"/>); the solvers ask here, once per solve,
/// whether their problem lets them use it (<see cref="PseudoTransientOptions.StepsInKernels"/>).
/// <para>
/// <b>Forward</b> (<see cref="InKernel"/>): the states a residual kernel steps take <c>u ← u − D R</c>
/// in that kernel, all of them or none, and only where nothing can tell the difference:
/// </para>
/// <list type="bullet">
/// <item>the kernel can step after writing each residual, and reads each state, if at all, only at
/// the point it writes;</item>
/// <item>no other kernel writes the residual, a state or its local steps, and each residual belongs
/// to one state;</item>
/// <item>off the points the kernel writes, where the separate step would still pass, it would change
/// nothing: the residual is +0 there, the state is not NaN and the step is a finite number ≥ +0
/// (then <c>u − D·0</c> is <c>u</c> to the bit; checked once, on a host copy, before the first iteration).</item>
/// </list>
/// <para>
/// <b>Adjoint</b> (<see cref="InGather"/>): the adjoint solver's step of a state, Ψ ← Ψ − D (Ψ̄ − g)
/// where D ≠ 0 then Ψ̄ ← 0, is taken inside the last gather that adds to Ψ̄, only where:
/// </para>
/// <list type="bullet">
/// <item>the kernel's adjoint takes steps and has no field updated in place (their pass runs after
/// the gathers and changes seeds);</item>
/// <item>the state is one of the kernel's fields once (one gather adds to Ψ̄);</item>
/// <item>that gather reads Ψ only at its own point: the kernel does not write the state's residual,
/// or it writes it where it reads the state only at the written point, so the seed Ψ is read only there.</item>
/// </list>
/// A gather writes every point of its adjoint, so its step covers the whole field, as the separate one.
/// </summary>
internal static class StepFusion
{
    /// <summary>Per field of <paramref name="kernel"/>, the step to take after writing it; null when the states must be stepped after the kernel.</summary>
    public static FusedStep?[]? InKernel<T>(SteadyProblem<T> problem, BoundKernel<T> kernel, IReadOnlyList<SteadyProblem<T>.StateEntry> states)
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

    /// <summary>Per field of <paramref name="kernel"/>, the step its gather takes; null when the state must be stepped after it.</summary>
    public static FusedStep?[]? InGather<T>(BoundKernel<T> kernel, SteadyProblem<T>.StateEntry state, Field<T> psi, Field<T> maskedSteps, Field<T> bar, Field<T>? source)
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
