using System.Runtime.Intrinsics;

namespace Stencil.Tests;

/// <summary>
/// The CPU kernels' SIMD loops compute, lane by lane, the operations of the scalar loops in the same
/// order: forward, tangent and adjoint results with <see cref="CpuBackend.VectorBits"/> 512, 256 and 0 (scalar)
/// are identical bit for bit, for every kernel of the derivative tests on grids wide enough for
/// several vectors, a remainder, and (adjoints) peeled boundary points. Compute-bound kernels run
/// 512-bit loops; at 512 a forward row ends in one 512-bit vector over points the loop computed
/// already, and an adjoint row in 256-bit vectors, so both widths meet in one row.
/// </summary>
public sealed class SimdTests
{
    public static TheoryData<string> Kernels() => KernelSetups.Names();

    private const int Wider = 27;

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Simd_and_scalar_loops_give_identical_forward_tangent_and_adjoint_results(string kernel)
    {
        Vector256.IsHardwareAccelerated.ShouldBeTrue("this test compares the SIMD loops with the scalar ones; run it on a machine with 256-bit vectors");
        using var backend = new CpuBackend(2) { SerialPoints = 0 };
        var setup = KernelSetups.All(Wider).Single(s => s.Name == kernel);
        var k = setup.Kernel;
        var fields = setup.Fields(backend);
        var random = new Random(11);
        var seeds = fields.Select(f => Grid.Random(f.Nx * f.Ny * f.Nz, random.Next(), -1, 1)).ToArray();
        try
        {
            backend.VectorBits = 0;
            var scalar = KernelRuns.Run(backend, k, fields, seeds, setup.Scalars);
            foreach (int bits in new[] { 256, 512 })
            {
                backend.VectorBits = bits;
                KernelRuns.AssertIdentical(KernelRuns.Run(backend, k, fields, seeds, setup.Scalars), scalar, $"{kernel} at {bits} bits");
            }
        }
        finally
        {
            foreach (var f in fields) f.Dispose();
        }
    }

    [Fact]
    public void VectorBits_rejects_widths_other_than_0_256_512()
    {
        using var backend = new CpuBackend(1);
        Should.Throw<ArgumentOutOfRangeException>(() => backend.VectorBits = 128).Message.ShouldContain("0 (scalar), 256 or 512");
        backend.VectorBits.ShouldBe(512);
    }

    /// <summary>
    /// The generated SIMD code maps Math.Min/Max/Abs/Sqrt/Floor/Ceiling to Vector256's and
    /// Vector512's: same results as System.Math on NaN, -0, +0, infinities.
    /// </summary>
    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void Vector_math_functions_agree_with_System_Math_on_special_values(int bits)
    {
        double[] special = [double.NaN, -0.0, 0.0, 1.5, -2.5, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        double Last(Func<Vector256<double>, Vector256<double>, Vector256<double>> f256, Func<Vector512<double>, Vector512<double>, Vector512<double>> f512, double a, double b)
            => bits == 256 ? f256(Vector256.Create(a), Vector256.Create(b))[3] : f512(Vector512.Create(a), Vector512.Create(b))[7];
        foreach (var a in special)
            foreach (var b in special)
            {
                AssertIdentical([Last(Vector256.Max, Vector512.Max, a, b)], [Math.Max(a, b)], $"Max({a}, {b})");
                AssertIdentical([Last(Vector256.Min, Vector512.Min, a, b)], [Math.Min(a, b)], $"Min({a}, {b})");
            }
        foreach (var a in special)
        {
            AssertIdentical([Last((x, _) => Vector256.Abs(x), (x, _) => Vector512.Abs(x), a, 0)], [Math.Abs(a)], $"Abs({a})");
            AssertIdentical([Last((x, _) => Vector256.Sqrt(x), (x, _) => Vector512.Sqrt(x), a, 0)], [Math.Sqrt(a)], $"Sqrt({a})");
            AssertIdentical([Last((x, _) => Vector256.Floor(x), (x, _) => Vector512.Floor(x), a, 0)], [Math.Floor(a)], $"Floor({a})");
            AssertIdentical([Last((x, _) => Vector256.Ceiling(x), (x, _) => Vector512.Ceiling(x), a, 0)], [Math.Ceiling(a)], $"Ceiling({a})");
        }
    }

    private static void AssertIdentical(double[] simd, double[] scalar, string what) => KernelRuns.AssertIdentical(simd, scalar, what);
}
