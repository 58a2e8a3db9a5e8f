namespace Stencil.Tests;

/// <summary>A kernel's forward, tangent and adjoint results on one backend, one array per field (<paramref name="Fields"/> names them).</summary>
public sealed record KernelResults(IReadOnlyList<string> Fields, double[][] Forward, double[][] Tangent, double[][] Adjoint);

/// <summary>
/// Runs a kernel's forward, tangent and adjoint on copies of the same fields, and compares two runs'
/// results (two SIMD widths, two backends).
/// </summary>
public static class KernelRuns
{
    /// <summary>
    /// The forward on copies of <paramref name="fields"/>; the tangent with the directions
    /// <paramref name="seeds"/>; the adjoint with the seeds as the adjoints' starting values (for the
    /// fields the kernel writes or reads). Single-precision results are widened to double, exactly.
    /// </summary>
    public static KernelResults Run<T>(Backend backend, DifferentiableKernel<T> k, Field<T>[] fields, T[][] seeds, double[] scalars) where T : unmanaged
    {
        var copies = fields.Select(f => Grid.Like(f, f.ToArray())).ToArray();
        k.Forward(backend, copies, scalars);
        var forward = copies.Select(c => Widen(c.ToArray())).ToArray();
        foreach (var c in copies) c.Dispose();

        copies = fields.Select(f => Grid.Like(f, f.ToArray())).ToArray();
        var tangents = fields.Select((f, i) => Grid.Like(f, seeds[i])).ToArray();
        k.Tangent(backend, copies, tangents, scalars);
        var tangent = tangents.Select(t => Widen(t.ToArray())).ToArray();
        foreach (var c in copies.Concat(tangents)) c.Dispose();

        var adjoints = fields.Select((f, i) => k.Written[i] || k.Inputs[i] ? Grid.Like(f, seeds[i]) : null).ToArray();
        k.Adjoint(backend, fields, adjoints, scalars);
        var adjoint = adjoints.Select(a => a is null ? [] : Widen(a.ToArray())).ToArray();
        foreach (var a in adjoints) a?.Dispose();
        return new KernelResults(k.Fields, forward, tangent, adjoint);
    }

    /// <summary>The values as doubles: a float's widening is exact, so equal bits stay equal and unequal ones unequal.</summary>
    private static double[] Widen<T>(T[] values) where T : unmanaged => values switch
    {
        double[] d => d,
        float[] f => Array.ConvertAll(f, x => (double)x),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    /// <summary>Fails, naming the field and the element, where two runs' results differ in any bit.</summary>
    public static void AssertIdentical(KernelResults simd, KernelResults scalar, string what)
        => ForEachArray(simd, scalar, what, AssertIdentical);

    /// <summary>
    /// Fails, naming the field and the element, where two runs' results differ by more than
    /// <paramref name="tolerance"/> relative to the largest magnitude of that array in
    /// <paramref name="expected"/> (at least 1).
    /// </summary>
    public static void AssertClose(KernelResults actual, KernelResults expected, double tolerance, string what)
        => ForEachArray(actual, expected, what, (a, e, name) =>
        {
            a.Length.ShouldBe(e.Length, name);
            double scale = e.Aggregate(1.0, (m, v) => Math.Max(m, Math.Abs(v)));
            for (int j = 0; j < a.Length; j++)
                if (!(Math.Abs(a[j] - e[j]) <= tolerance * scale))
                    Assert.Fail($"{name}[{j}]: {a[j]:R}, expected {e[j]:R} (tolerance {tolerance * scale:E2})");
        });

    private static void ForEachArray(KernelResults a, KernelResults b, string what, Action<double[], double[], string> compare)
    {
        for (int i = 0; i < a.Forward.Length; i++)
        {
            compare(a.Forward[i], b.Forward[i], $"{what}: forward, field {a.Fields[i]}");
            compare(a.Tangent[i], b.Tangent[i], $"{what}: tangent, field {a.Fields[i]}");
            compare(a.Adjoint[i], b.Adjoint[i], $"{what}: adjoint, field {a.Fields[i]}");
        }
    }

    /// <summary>Fails, naming the element, where the arrays differ in any bit.</summary>
    public static void AssertIdentical(double[] simd, double[] scalar, string what)
    {
        simd.Length.ShouldBe(scalar.Length, what);
        for (int j = 0; j < simd.Length; j++)
            if (BitConverter.DoubleToInt64Bits(simd[j]) != BitConverter.DoubleToInt64Bits(scalar[j]))
                Assert.Fail($"{what}[{j}]: SIMD {simd[j]:R}, scalar {scalar[j]:R}");
    }
}
