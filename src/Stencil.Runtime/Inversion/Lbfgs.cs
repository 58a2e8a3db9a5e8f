namespace Stencil;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Outer iterations to run (in total, counting those of a resumed state).</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Pairs (s, y) kept.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Largest change of any parameter in the first step (later steps use the L-BFGS scaling).</summary>
    public double FirstStep { get; init; } = 1.0;

    /// <summary>Armijo constant of the backtracking line search.</summary>
    public double Armijo { get; init; } = 1e-4;

    /// <summary>Line-search halvings before giving up on a direction.</summary>
    public int MaxBacktracks { get; init; } = 12;

    /// <summary>
    /// The operator the inverse-Hessian approximation starts from (H0 = γ P, γ = sᵀy / yᵀPy from the
    /// latest pair); null for the identity. A smoothing operator here regularises the inversion
    /// without changing the gradient that the line search tests.
    /// </summary>
    public IPreconditioner? Preconditioner { get; init; }

    /// <summary>
    /// How inner products and maxima of distributed parameter vectors are formed: a global grid, whose
    /// vectors hold the parameters each process owns. The default: one process.
    /// </summary>
    public IGlobalReduction Reduction { get; init; } = SingleProcess.Instance;
}

/// <summary>
/// Limited-memory BFGS with a backtracking (Armijo) line search, on host vectors, optionally
/// preconditioned (<see cref="LbfgsOptions.Preconditioner"/>). The line search evaluates J and its
/// gradient at each trial, or, for an <see cref="IGradientAfterCost"/>, J at each trial and the
/// gradient at the accepted one. Inner products go through
/// <see cref="IGlobalReduction"/>, so a distributed objective needs no other change.
/// </summary>
public sealed class Lbfgs(LbfgsOptions options)
{
    /// <summary>The options it runs with.</summary>
    public LbfgsOptions Options => options;

    /// <summary>Starts from <paramref name="initial"/>: evaluates cost and gradient there.</summary>
    public InversionState Start(IObjective objective, double[] initial) => InversionState.Start(objective, initial);

    /// <summary>
    /// Runs outer iterations until <see cref="LbfgsOptions.Iterations"/> are done or a line search
    /// fails; calls <paramref name="afterIteration"/> (save, report) after each. Returns false if it
    /// stopped early because no step decreased the cost.
    /// </summary>
    public bool Run(IObjective objective, InversionState state, Action<InversionState>? afterIteration = null)
    {
        int n = state.Parameters.Length;
        var trial = new double[n];
        var trialGradient = new double[n];
        state.Restore(objective);
        // An objective that can give its gradient after its cost pays for the gradient of the accepted step only.
        var deferred = objective as IGradientAfterCost;
        while (state.Iteration < options.Iterations)
        {
            var direction = Direction(state);
            double slope = Dot(direction, state.Gradient);
            if (!(slope < 0))
            {
                // Not a descent direction (memory gone stale): restart from the preconditioned steepest descent.
                state.Steps.Clear();
                state.GradientChanges.Clear();
                direction = Direction(state);
                slope = Dot(direction, state.Gradient);
            }
            if (!(slope < 0) && options.Preconditioner is not null)
            {
                // The preconditioner is not positive definite for this gradient: plain steepest descent.
                direction = state.Gradient.Select(v => -v).ToArray();
                slope = Dot(direction, state.Gradient);
            }

            double alpha = state.Steps.Count == 0 ? options.FirstStep / Math.Max(MaxAbs(direction), 1e-300) : 1.0;
            double cost = double.NaN;
            bool accepted = false;
            for (int backtrack = 0; backtrack <= options.MaxBacktracks; backtrack++)
            {
                for (int i = 0; i < n; i++) trial[i] = state.Parameters[i] + alpha * direction[i];
                cost = deferred is null ? objective.CostAndGradient(trial, trialGradient) : objective.Cost(trial);
                if (double.IsFinite(cost) && cost <= state.Cost + options.Armijo * alpha * slope)
                {
                    accepted = true;
                    deferred?.GradientAtLastCost(trialGradient);
                    break;
                }
                alpha /= 2;
            }
            if (!accepted) return false;

            var s = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                s[i] = trial[i] - state.Parameters[i];
                y[i] = trialGradient[i] - state.Gradient[i];
            }
            if (Dot(s, y) > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                state.Steps.Add(s);
                state.GradientChanges.Add(y);
                if (state.Steps.Count > options.Memory)
                {
                    state.Steps.RemoveAt(0);
                    state.GradientChanges.RemoveAt(0);
                }
            }
            Array.Copy(trial, state.Parameters, n);
            Array.Copy(trialGradient, state.Gradient, n);
            state.Cost = cost;
            state.Iteration++;
            state.CostHistory.Add(cost);
            state.Capture(objective);   // the accepted trial was the last evaluation
            afterIteration?.Invoke(state);
        }
        return true;
    }

    /// <summary>The L-BFGS two-loop recursion: d = −H g, with H0 = γ P.</summary>
    private double[] Direction(InversionState state)
    {
        var q = state.Gradient.Select(v => -v).ToArray();
        int m = state.Steps.Count;
        var a = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            a[k] = Dot(state.Steps[k], q) / Dot(state.GradientChanges[k], state.Steps[k]);
            Axpy(q, -a[k], state.GradientChanges[k]);
        }
        q = Precondition(q);
        if (m > 0)
        {
            var (s, y) = (state.Steps[m - 1], state.GradientChanges[m - 1]);
            double gamma = Dot(s, y) / Dot(y, Precondition(y));
            for (int i = 0; i < q.Length; i++) q[i] *= gamma;
        }
        for (int k = 0; k < m; k++)
        {
            double b = Dot(state.GradientChanges[k], q) / Dot(state.GradientChanges[k], state.Steps[k]);
            Axpy(q, a[k] - b, state.Steps[k]);
        }
        return q;
    }

    private double[] Precondition(double[] v)
    {
        if (options.Preconditioner is null) return v;
        var result = new double[v.Length];
        options.Preconditioner.Apply(v, result);
        return result;
    }

    private double Dot(double[] a, double[] b) => options.Reduction.Dot(a, b);

    private double MaxAbs(double[] a) => options.Reduction.Max(a.Length == 0 ? 0 : a.Max(Math.Abs));

    private static void Axpy(double[] y, double a, double[] x)
    {
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }
}
