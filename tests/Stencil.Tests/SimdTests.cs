using System.Runtime.Intrinsics;

namespace Stencil.Tests;

/// <summary>
/// The CPU kernels' SIMD loops compute, lane by lane, the operations of the scalar loops in the same
/// order: forward and adjoint results with <see cref="CpuBackend.Simd"/> on and off are identical bit
/// for bit, for every kernel of the derivative tests on grids wide enough for several vectors, a
/// remainder, and (adjoints) peeled boundary points.
/// </summary>
public sealed class SimdTests
{
    public static TheoryData<string> Kernels() => KernelSetups.Names();

    private const int Wider = 27;

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Simd_and_scalar_loops_give_identical_forward_and_adjoint_results(string kernel)
    {
        Vector256.IsHardwareAccelerated.ShouldBeTrue("this test compares the SIMD loops with the scalar ones; run it on a machine with 256-bit vectors");
        using var backend = new CpuBackend(2);
        var setup = KernelSetups.All(Wider).Single(s => s.Name == kernel);
        var k = setup.Kernel;
        var fields = setup.Fields(backend);
        var random = new Random(11);
        var seeds = fields.Select(f => Grid.Random(f.Nx * f.Ny * f.Nz, random.Next(), -1, 1)).ToArray();
        try
        {
            var (simdForward, simdAdjoint) = Run(simd: true);
            var (scalarForward, scalarAdjoint) = Run(simd: false);
            for (int i = 0; i < fields.Length; i++)
            {
                AssertIdentical(simdForward[i], scalarForward[i], $"{kernel} forward, field {k.Fields[i]}");
                AssertIdentical(simdAdjoint[i], scalarAdjoint[i], $"{kernel} adjoint, field {k.Fields[i]}");
            }
        }
        finally
        {
            foreach (var f in fields) f.Dispose();
        }

        (double[][] Forward, double[][] Adjoint) Run(bool simd)
        {
            backend.Simd = simd;
            var copies = fields.Select(f => Grid.Like(f, f.ToArray())).ToArray();
            k.Forward(backend, copies, setup.Scalars);
            var forward = copies.Select(c => c.ToArray()).ToArray();
            foreach (var c in copies) c.Dispose();

            var adjoints = fields.Select((f, i) => k.Written[i] || k.Inputs[i] ? Grid.Like(f, seeds[i]) : null).ToArray();
            k.Adjoint(backend, fields, adjoints, setup.Scalars);
            var adjoint = adjoints.Select(a => a?.ToArray() ?? []).ToArray();
            foreach (var a in adjoints) a?.Dispose();
            return (forward, adjoint);
        }
    }

    /// <summary>The generated SIMD code maps Math.Min/Max/Abs/Sqrt/Floor/Ceiling to Vector256's: same results on NaN, -0, +0, infinities.</summary>
    [Fact]
    public void Vector256_math_functions_agree_with_System_Math_on_special_values()
    {
        double[] values = [double.NaN, -0.0, 0.0, 1.5, -2.5, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        foreach (var a in values)
            foreach (var b in values)
            {
                var x = Vector256.Create(a);
                var y = Vector256.Create(b);
                AssertIdentical([Vector256.Max(x, y)[0]], [Math.Max(a, b)], $"Max({a}, {b})");
                AssertIdentical([Vector256.Min(x, y)[0]], [Math.Min(a, b)], $"Min({a}, {b})");
            }
        foreach (var a in values)
        {
            var x = Vector256.Create(a);
            AssertIdentical([Vector256.Abs(x)[0]], [Math.Abs(a)], $"Abs({a})");
            AssertIdentical([Vector256.Sqrt(x)[0]], [Math.Sqrt(a)], $"Sqrt({a})");
            AssertIdentical([Vector256.Floor(x)[0]], [Math.Floor(a)], $"Floor({a})");
            AssertIdentical([Vector256.Ceiling(x)[0]], [Math.Ceiling(a)], $"Ceiling({a})");
        }
    }

    private static void AssertIdentical(double[] simd, double[] scalar, string what)
    {
        simd.Length.ShouldBe(scalar.Length, what);
        for (int j = 0; j < simd.Length; j++)
            if (BitConverter.DoubleToInt64Bits(simd[j]) != BitConverter.DoubleToInt64Bits(scalar[j]))
                Assert.Fail($"{what}[{j}]: SIMD {simd[j]:R}, scalar {scalar[j]:R}");
    }
}
