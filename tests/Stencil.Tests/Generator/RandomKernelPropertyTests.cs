using CsCheck;

namespace Stencil.Tests.Generator;

/// <summary>
/// Property: for random valid stencil bodies (<see cref="RandomKernels"/>), the generated adjoint
/// passes the dot-product test. Each sample compiles a batch of kernels through the generator
/// in-process, loads the assembly and runs the test on the native CPU backend.
/// </summary>
public sealed class RandomKernelPropertyTests
{
    [Fact]
    public void Random_kernels_pass_the_dot_product_test()
    {
        RandomKernels.Kernels.Array[12].Sample(kernels =>
        {
            var descriptors = RandomKernels.Compile(kernels);
            using var backend = Backends.Cpu(2);
            for (int i = 0; i < kernels.Length; i++)
            {
                var fields = kernels[i].Extents(RandomKernels.TinyExtent(kernels[i].Rank)).Select((e, f) => RandomKernels.Allocate(backend, e, seed: 31 * i + f)).ToArray();
                try
                {
                    var result = Derivatives.DotProductTest(backend, descriptors[i], fields, [0.7]);
                    // Random bodies can make <Jv, w> a small difference of large terms: judge the error against ‖Jv‖‖w‖.
                    if (result.Scale != 0)
                        result.NormalizedError.ShouldBeLessThan(1e-13, $"kernel {i}: t = {kernels[i].Local}; R = {kernels[i].Value}; {result}");
                }
                finally
                {
                    foreach (var f in fields) f.Dispose();
                }
            }
        }, iter: 3, threads: 1, seed: RandomKernels.Seed);
    }
}
