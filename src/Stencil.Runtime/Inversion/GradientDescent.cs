namespace Stencil;

/// <summary>
/// Plain gradient descent with a step normalised by the largest gradient entry,
/// m ← m − (step / max|g|) g, as in the multi-GPU variant of the published geothermal case; with a
/// <paramref name="preconditioner"/> P (a smoothing, say), g is P ∇J.
/// Shares <see cref="InversionState"/> with <see cref="Lbfgs"/>, so it saves and resumes the same way.
/// </summary>
public sealed class GradientDescent(int iterations, double step, IGlobalReduction? reduction = null, IPreconditioner? preconditioner = null)
{
    private readonly IGlobalReduction _reduction = reduction ?? SingleProcess.Instance;

    /// <summary>Evaluates cost and gradient at <paramref name="initial"/>.</summary>
    public InversionState Start(IObjective objective, double[] initial) => InversionState.Start(objective, initial);

    /// <summary>Runs until <c>iterations</c> are done, calling <paramref name="afterIteration"/> after each.</summary>
    public void Run(IObjective objective, InversionState state, Action<InversionState>? afterIteration = null)
    {
        state.Restore(objective);
        while (state.Iteration < iterations)
        {
            var g = state.Gradient;
            if (preconditioner is not null)
            {
                g = new double[g.Length];
                preconditioner.Apply(state.Gradient, g);
            }
            double scale = _reduction.Max(g.Length == 0 ? 0 : g.Max(Math.Abs));
            if (!(scale > 0)) return;
            for (int i = 0; i < state.Parameters.Length; i++) state.Parameters[i] -= step / scale * g[i];
            state.Cost = objective.CostAndGradient(state.Parameters, state.Gradient);
            state.Iteration++;
            state.CostHistory.Add(state.Cost);
            state.Capture(objective);
            afterIteration?.Invoke(state);
        }
    }
}
