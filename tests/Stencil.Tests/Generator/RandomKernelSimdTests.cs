using System.Runtime.Intrinsics;
using CsCheck;

namespace Stencil.Tests.Generator;

/// <summary>
/// Property: for random valid stencil bodies (<see cref="RandomKernels"/>), the generated CPU kernels'
/// SIMD loops give the scalar loops' forward, tangent and adjoint results bit for bit, at 512 and 256
/// bits, on grids whose rows span several 512-bit vectors, a remainder, and (adjoints) peeled
/// boundary points. <see cref="SimdTests"/> checks the same for the fixed kernels of the derivative
/// tests; random bodies reach combinations of operators, functions, branches and staggered extents
/// that those do not.
/// </summary>
public sealed class RandomKernelSimdTests
{
    /// <summary>R's extents: rows of 27 to 39 points (x), with A, B, C one more or less along each axis.</summary>
    private static int[] BaseExtent(int rank) => rank switch { 1 => [39], 2 => [29, 6], _ => [27, 5, 4] };

    [Fact]
    public void Random_kernels_give_the_same_bits_in_simd_and_scalar_loops()
        => Check<double>(RandomKernels.Kernels, iterations: 2);

    /// <summary>The same in single precision: 8 and 16 lanes per vector, MathF.</summary>
    [Fact]
    public void Random_single_precision_kernels_give_the_same_bits_in_simd_and_scalar_loops()
        => Check<float>(RandomKernels.Kernels, iterations: 1);

    /// <summary>
    /// Flux-form kernels, whose west face flux the SIMD loops carry from the east face flux of the
    /// vector before (<c>CarriedBindings</c>): the carried values must be the computed ones bit for bit.
    /// </summary>
    [Fact]
    public void Random_flux_form_kernels_give_the_same_bits_in_simd_and_scalar_loops()
        => Check<double>(RandomKernels.FluxKernels, iterations: 1, carried: 6);

    /// <summary>The same in single precision (a carry shifts 8 or 16 lanes).</summary>
    [Fact]
    public void Random_single_precision_flux_form_kernels_give_the_same_bits_in_simd_and_scalar_loops()
        => Check<float>(RandomKernels.FluxKernels, iterations: 1, carried: 6);

    /// <summary>
    /// Batches of 12 kernels of element type <typeparamref name="T"/>. Each kernel must have SIMD loops
    /// of that type, and with <paramref name="carried"/>, at least that many of a batch's forward
    /// kernels must carry a local (else the batch would not test what it is for).
    /// </summary>
    private static void Check<T>(Gen<RandomKernel> kernelGen, int iterations, int carried = 0) where T : unmanaged
    {
        Vector256.IsHardwareAccelerated.ShouldBeTrue("this test compares the SIMD loops with the scalar ones; run it on a machine with 256-bit vectors");
        kernelGen.Array[12].Sample(kernels =>
        {
            var descriptors = RandomKernels.Compile<T>(kernels, out var generated);
            string keyword = typeof(T) == typeof(float) ? "float" : "double";
            generated.Count(code => code.Contains($"Vector256<{keyword}>")).ShouldBeGreaterThanOrEqualTo(kernels.Length, $"kernels with SIMD loops of {keyword}");
            generated.Count(code => code.Contains("LaneShift.Previous")).ShouldBeGreaterThanOrEqualTo(carried, "kernels whose SIMD loops carry a local");
            using var backend = new CpuBackend(2) { SerialPoints = 0 };
            for (int i = 0; i < kernels.Length; i++)
            {
                var fields = kernels[i].Extents(BaseExtent(kernels[i].Rank)).Select((e, f) => RandomKernels.Allocate<T>(backend, e, seed: 31 * i + f)).ToArray();
                var seeds = fields.Select((f, j) => RandomKernels.Values<T>(Grid.Random(f.Nx * f.Ny * f.Nz, 17 * i + j, -1, 1))).ToArray();
                try
                {
                    backend.VectorBits = 0;
                    var scalar = KernelRuns.Run(backend, descriptors[i], fields, seeds, [0.7]);
                    foreach (int bits in new[] { 256, 512 })
                    {
                        backend.VectorBits = bits;
                        KernelRuns.AssertIdentical(KernelRuns.Run(backend, descriptors[i], fields, seeds, [0.7]), scalar,
                            $"kernel {i} at {bits} bits (t = {kernels[i].Local}; flux {kernels[i].Flux}; R = {kernels[i].Value})");
                    }
                }
                finally
                {
                    foreach (var f in fields) f.Dispose();
                }
            }
        }, iter: iterations, threads: 1, seed: RandomKernels.Seed);
    }
}
