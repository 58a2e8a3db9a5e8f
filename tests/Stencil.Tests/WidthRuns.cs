namespace Stencil.Tests;

/// <summary>A kernel's forward, tangent and adjoint results at one <see cref="CpuBackend.VectorBits"/>, one array per field (<paramref name="Fields"/> names them).</summary>
public sealed record WidthResults(IReadOnlyList<string> Fields, double[][] Forward, double[][] Tangent, double[][] Adjoint);

/// <summary>
/// Runs a kernel's forward, tangent and adjoint on copies of the same fields at a given SIMD width,
/// and compares two widths' results bit for bit.
/// </summary>
public static class WidthRuns
{
    /// <summary>
    /// The forward on copies of <paramref name="fields"/>; the tangent with the directions
    /// <paramref name="seeds"/>; the adjoint with the seeds as the adjoints' starting values (for the
    /// fields the kernel writes or reads).
    /// </summary>
    public static WidthResults Run(CpuBackend backend, DifferentiableKernel<double> k, Field<double>[] fields, double[][] seeds, double[] scalars, int bits)
    {
        backend.VectorBits = bits;
        var copies = fields.Select(f => Grid.Like(f, f.ToArray())).ToArray();
        k.Forward(backend, copies, scalars);
        var forward = copies.Select(c => c.ToArray()).ToArray();
        foreach (var c in copies) c.Dispose();

        copies = fields.Select(f => Grid.Like(f, f.ToArray())).ToArray();
        var tangents = fields.Select((f, i) => Grid.Like(f, seeds[i])).ToArray();
        k.Tangent(backend, copies, tangents, scalars);
        var tangent = tangents.Select(t => t.ToArray()).ToArray();
        foreach (var c in copies.Concat(tangents)) c.Dispose();

        var adjoints = fields.Select((f, i) => k.Written[i] || k.Inputs[i] ? Grid.Like(f, seeds[i]) : null).ToArray();
        k.Adjoint(backend, fields, adjoints, scalars);
        var adjoint = adjoints.Select(a => a?.ToArray() ?? []).ToArray();
        foreach (var a in adjoints) a?.Dispose();
        return new WidthResults(k.Fields, forward, tangent, adjoint);
    }

    /// <summary>Fails, naming the field and the element, where two widths' results differ in any bit.</summary>
    public static void AssertIdentical(WidthResults simd, WidthResults scalar, string what)
    {
        for (int i = 0; i < simd.Forward.Length; i++)
        {
            AssertIdentical(simd.Forward[i], scalar.Forward[i], $"{what}: forward, field {simd.Fields[i]}");
            AssertIdentical(simd.Tangent[i], scalar.Tangent[i], $"{what}: tangent, field {simd.Fields[i]}");
            AssertIdentical(simd.Adjoint[i], scalar.Adjoint[i], $"{what}: adjoint, field {simd.Fields[i]}");
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
