using System.Numerics;

namespace Stencil;

/// <summary>
/// The result of <see cref="Derivatives.DotProductTest{T}"/>: &lt;J v, w&gt; against &lt;v, J^T w&gt;,
/// and <see cref="Scale"/> = ‖J v‖ ‖w‖, the largest either can be.
/// </summary>
public sealed record DotProductResult(double Forward, double Adjoint, double Scale)
{
    /// <summary>|&lt;J v, w&gt; - &lt;v, J^T w&gt;| / |&lt;J v, w&gt;|.</summary>
    public double RelativeError => Forward == Adjoint ? 0 : Math.Abs(Forward - Adjoint) / Math.Abs(Forward);

    /// <summary>|&lt;J v, w&gt; - &lt;v, J^T w&gt;| / (‖J v‖ ‖w‖): insensitive to cancellation in the sums.</summary>
    public double NormalizedError => Forward == Adjoint ? 0 : Math.Abs(Forward - Adjoint) / Scale;

    /// <inheritdoc />
    public override string ToString() => $"<Jv,w> = {Forward:R}, <v,J^T w> = {Adjoint:R}, relative error {RelativeError:E2}, normalized {NormalizedError:E2}";
}

/// <summary>
/// The result of <see cref="Derivatives.TaylorTest{T}"/>: the remainders r0(h) = |J(p + h dp) - J(p)|
/// and r1(h) = |J(p + h dp) - J(p) - h &lt;g, dp&gt;| over halving steps h, and their mean slopes
/// in log2: about 1 and 2 when the gradient g is right. <see cref="Floor"/> is the round-off level of
/// an evaluation of J: remainders below a few floors are noise, and slopes use only the pairs of
/// steps whose remainders are above it.
/// </summary>
public sealed record TaylorResult(IReadOnlyList<double> Steps, IReadOnlyList<double> R0, IReadOnlyList<double> R1, double Floor)
{
    /// <summary>Remainders below this many floors are round-off, and take no part in a slope.</summary>
    public const double Noise = 100;

    /// <summary>Mean convergence order of r0 (expected 1); NaN if r0 is at round-off.</summary>
    public double Slope0 => Slope(R0);

    /// <summary>Mean convergence order of r1 (expected 2); NaN if r1 is at round-off at fewer than two steps.</summary>
    public double Slope1 => Slope(R1);

    /// <summary>
    /// True when r1 is at round-off at every step while r0 is not: J is linear along the direction
    /// (or the gradient is exact to rounding), so there is no slope to measure, and the gradient is right.
    /// </summary>
    public bool R1AtRoundOff => R1.All(r => r <= Noise * Floor) && R0.Any(r => r > Noise * Floor);

    /// <summary>The gradient passes: r0 falls with slope 1, and r1 with slope 2 or is at round-off throughout.</summary>
    public bool Passed => Math.Abs(Slope0 - 1) < 0.1 && (R1AtRoundOff || Math.Abs(Slope1 - 2) < 0.1);

    private double Slope(IReadOnlyList<double> r)
    {
        var orders = Enumerable.Range(0, r.Count - 1).Where(i => r[i + 1] > Noise * Floor).Select(i => Math.Log2(r[i] / r[i + 1])).ToList();
        return orders.Count == 0 ? double.NaN : orders.Average();
    }

    /// <inheritdoc />
    public override string ToString() => R1AtRoundOff
        ? $"slope r0 {Slope0:F3}; r1 is at round-off at every step (max {R1.Max():E1}, floor {Floor:E1}), so J is linear along the direction and its slope is not measurable: the gradient is right to rounding; {Steps.Count} steps from h = {Steps[0]:G3}"
        : $"slopes r0 {Slope0:F3}, r1 {Slope1:F3} over {Steps.Count} steps from h = {Steps[0]:G3} (remainders below {Noise * Floor:E1} are round-off and left out)";
}

/// <summary>
/// Verification of generated derivatives on any kernel, and of an objective's gradient, in one call each:
/// the dot-product (adjoint) test and the Taylor test. Inputs are left unchanged.
/// </summary>
public static class Derivatives
{
    /// <summary>
    /// Compares &lt;J v, w&gt; (tangent kernel) with &lt;v, J^T w&gt; (adjoint kernel) at the point
    /// given by <paramref name="fields"/>, for random v over the inputs and w over the written
    /// fields. In double the relative error is about 1e-15; above 1e-12 the adjoint is wrong.
    /// </summary>
    public static DotProductResult DotProductTest<T>(Backend backend, DifferentiableKernel<T> kernel, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars, int seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        int n = fields.Count;
        var v = new T[n][];
        var wSeed = new T[n][];
        var tangents = new Field<T>[n];
        var adjoints = new Field<T>?[n];
        try
        {
            for (int i = 0; i < n; i++)
            {
                v[i] = kernel.Inputs[i] ? RandomValues<T>(fields[i].Length, random) : new T[fields[i].Length];
                tangents[i] = backend.AllocateLike(fields[i]);
                tangents[i].CopyFromHost(v[i]);
                if (kernel.Written[i])
                {
                    wSeed[i] = RandomValues<T>(fields[i].Length, random);
                    adjoints[i] = backend.AllocateLike(fields[i]);
                    adjoints[i]!.CopyFromHost(wSeed[i]);
                }
                else if (kernel.Inputs[i])
                {
                    adjoints[i] = backend.AllocateLike(fields[i]);
                }
            }

            kernel.Tangent(backend, fields, tangents, scalars);
            kernel.Adjoint(backend, fields, adjoints, scalars);

            double forward = 0, adjoint = 0, jvNorm = 0, wNorm = 0;
            for (int i = 0; i < n; i++)
            {
                if (kernel.Written[i])
                {
                    var jv = tangents[i].ToArray();
                    forward += Dot(jv, wSeed[i]);
                    jvNorm += Dot(jv, jv);
                    wNorm += Dot(wSeed[i], wSeed[i]);
                }
                if (kernel.Inputs[i]) adjoint += Dot(v[i], adjoints[i]!.ToArray());
            }
            return new DotProductResult(forward, adjoint, Math.Sqrt(jvNorm * wNorm));
        }
        finally
        {
            foreach (var f in tangents) f?.Dispose();
            foreach (var f in adjoints) f?.Dispose();
        }
    }

    /// <summary>
    /// Taylor test of the kernel's adjoint on J(x) = Σ &lt;w, F(x)&gt; over the written fields, with
    /// random w and a random direction dp over the inputs: r0 must fall with slope 1 and r1 with
    /// slope 2 as h halves (<paramref name="halvings"/> times from <paramref name="h0"/>). Each
    /// point's perturbation is relative to its own value (plus a thousandth of the field's largest,
    /// so that zeros move too): a field spanning 0.5 to 200 is perturbed by the same fraction
    /// everywhere, not by a fraction of 200 where its values are 0.5.
    /// </summary>
    public static TaylorResult TaylorTest<T>(Backend backend, DifferentiableKernel<T> kernel, IReadOnlyList<Field<T>> fields, IReadOnlyList<double> scalars,
        double h0 = 1e-2, int halvings = 7, int seed = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        int n = fields.Count;
        var x = fields.Select(f => f.ToArray()).ToArray();
        var w = new T[n][];
        var dp = new T[n][];
        for (int i = 0; i < n; i++)
        {
            w[i] = kernel.Written[i] ? RandomValues<T>(fields[i].Length, random) : new T[fields[i].Length];
            double largest = x[i].Select(value => Math.Abs(double.CreateChecked(value))).DefaultIfEmpty().Max();
            var values = x[i];
            dp[i] = kernel.Inputs[i]
                ? RandomValues<T>(fields[i].Length, random).Select((r, k) => T.CreateChecked(double.CreateChecked(r) * (Math.Abs(double.CreateChecked(values[k])) + 1e-3 * largest + 1e-300))).ToArray()
                : new T[fields[i].Length];
        }

        // J(x + h dp), and the sum of |w F(x + h dp)|, the scale of its rounding.
        (double J, double Magnitude) Objective(double h)
        {
            var copies = new Field<T>[n];
            try
            {
                for (int i = 0; i < n; i++)
                {
                    copies[i] = backend.AllocateLike(fields[i]);
                    copies[i].CopyFromHost(x[i].Zip(dp[i], (a, d) => a + T.CreateChecked(h) * d).ToArray());
                }
                kernel.Forward(backend, copies, scalars);
                double j = 0, magnitude = 0;
                for (int i = 0; i < n; i++)
                    if (kernel.Written[i])
                    {
                        var values = copies[i].ToArray();
                        j += Dot(values, w[i]);
                        for (long k = 0; k < values.Length; k++) magnitude += Math.Abs(double.CreateChecked(values[k]) * double.CreateChecked(w[i][k]));
                    }
                return (j, magnitude);
            }
            finally
            {
                foreach (var f in copies) f?.Dispose();
            }
        }

        // Gradient g = J^T w at x.
        var adjoints = new Field<T>?[n];
        double gDotDp = 0;
        try
        {
            for (int i = 0; i < n; i++)
            {
                if (kernel.Written[i] || kernel.Inputs[i]) adjoints[i] = backend.AllocateLike(fields[i]);
                if (kernel.Written[i]) adjoints[i]!.CopyFromHost(w[i]);
            }
            kernel.Adjoint(backend, fields, adjoints, scalars);
            for (int i = 0; i < n; i++)
                if (kernel.Inputs[i]) gDotDp += Dot(adjoints[i]!.ToArray(), dp[i]);
        }
        finally
        {
            foreach (var f in adjoints) f?.Dispose();
        }

        var (j0, magnitude) = Objective(0);
        // The kernel rounds each written value to T (eps), and J sums them: a difference of two J's is noise below ~eps * Σ|w F|.
        double floor = Eps<T>() * magnitude;
        var steps = new List<double>();
        var r0 = new List<double>();
        var r1 = new List<double>();
        for (int k = 0; k <= halvings; k++)
        {
            double step = h0 / Math.Pow(2, k);
            double j = Objective(step).J;
            steps.Add(step);
            r0.Add(Math.Abs(j - j0));
            r1.Add(Math.Abs(j - j0 - step * gDotDp));
        }
        return new TaylorResult(steps, r0, r1, floor);
    }

    /// <summary>
    /// Taylor test of an objective's gradient at <paramref name="parameters"/> along
    /// <paramref name="direction"/>: r0 = |J(m + h dm) − J(m)| must fall with slope 1 and
    /// r1 = |J(m + h dm) − J(m) − h &lt;∇J, dm&gt;| with slope 2 as h halves (<paramref name="halvings"/>
    /// times from <paramref name="h0"/>). A distributed objective passes its grid as
    /// <paramref name="reduction"/>, so that &lt;∇J, dm&gt; sums over every process's parameters.
    /// Iterative solves inside J add their own error to it: converge them far below what h² resolves.
    /// </summary>
    public static TaylorResult TaylorTest(IObjective objective, double[] parameters, double[] direction, IGlobalReduction? reduction = null, double h0 = 1e-3, int halvings = 7)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (parameters.Length != direction.Length)
            throw new ArgumentException($"The direction has {direction.Length} values but there are {parameters.Length} parameters: give one value per parameter.", nameof(direction));
        reduction ??= SingleProcess.Instance;
        var gradient = new double[parameters.Length];
        double j0 = objective.CostAndGradient((double[])parameters.Clone(), gradient);
        double gDotDm = reduction.Dot(gradient, direction);
        var steps = new List<double>();
        var r0 = new List<double>();
        var r1 = new List<double>();
        for (int k = 0; k <= halvings; k++)
        {
            double h = h0 / Math.Pow(2, k);
            double j = objective.Cost(parameters.Zip(direction, (m, dm) => m + h * dm).ToArray());
            steps.Add(h);
            r0.Add(Math.Abs(j - j0));
            r1.Add(Math.Abs(j - j0 - h * gDotDm));
        }
        // J is rounded to double: differences below a few ulps of J(m) are noise.
        return new TaylorResult(steps, r0, r1, Eps<double>() * Math.Abs(j0));
    }

    /// <summary>Machine epsilon of T (2^-52 for double, 2^-23 for float).</summary>
    private static double Eps<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => double.CreateChecked(T.BitIncrement(T.One) - T.One);

    private static T[] RandomValues<T>(long length, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (long i = 0; i < length; i++) values[i] = T.CreateChecked(2 * random.NextDouble() - 1);
        return values;
    }

    private static double Dot<T>(T[] a, T[] b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (long i = 0; i < a.Length; i++) sum += double.CreateChecked(a[i]) * double.CreateChecked(b[i]);
        return sum;
    }
}
