using CsCheck;

namespace Stencil.Tests.Generator;

/// <summary>
/// Property: for random valid stencil bodies (<see cref="RandomKernels"/>), the ILGPU kernels (run on
/// ILGPU's CPU simulator, the code a GPU runs) and the native CPU kernels give the same forward,
/// tangent and adjoint results. The two are emitted apart (<c>IlgpuKernelEmitter</c> and
/// <c>CpuKernelEmitter</c>), so a term one of them drops, a wrong offset or a wrong guard shows as a
/// difference. Tolerance 1e-13 of each array's largest magnitude, not bit for bit: the backends do
/// not promise the same bits (a GPU compiler may fuse a multiplication and an addition, ILGPU's
/// math library computes functions apart from System.Math). On the simulator, the 24 kernels of two
/// local runs compared bit for bit agreed. The ILGPU kernels run twice: with 32-bit indices (what
/// fields of up to 2^30 elements get) and with 64-bit ones (<see cref="IlgpuBackend.WideIndices"/>).
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class RandomKernelBackendTests(BackendFixture backends)
{
    [Fact]
    public void Random_kernels_give_the_same_results_on_ilgpu_and_the_native_cpu_backend()
    {
        RandomKernels.Kernels.Array[12].Sample(kernels =>
        {
            var descriptors = RandomKernels.Compile(kernels);
            for (int i = 0; i < kernels.Length; i++)
            {
                var extents = kernels[i].Extents(RandomKernels.TinyExtent(kernels[i].Rank));
                var seeds = extents.Select((e, j) => Grid.Random(e.Aggregate(1L, (a, b) => a * b), 17 * i + j, -1, 1)).ToArray();
                var native = Run(backends.Cpu, i);
                var simulator = (IlgpuBackend)backends.Simulator;
                foreach (bool wide in new[] { false, true })
                {
                    simulator.WideIndices = wide;
                    try
                    {
                        var ilgpu = Run(simulator, i);
                        KernelRuns.AssertClose(ilgpu, native, 1e-13, $"kernel {i}, {(wide ? 64 : 32)}-bit indices (t = {kernels[i].Local}; R = {kernels[i].Value})");
                    }
                    finally
                    {
                        simulator.WideIndices = false;
                    }
                }

                KernelResults Run(Backend backend, int i)
                {
                    var fields = extents.Select((e, f) => RandomKernels.Allocate(backend, e, seed: 31 * i + f)).ToArray();
                    try
                    {
                        return KernelRuns.Run(backend, descriptors[i], fields, seeds, [0.7]);
                    }
                    finally
                    {
                        foreach (var f in fields) f.Dispose();
                    }
                }
            }
        }, iter: 1, threads: 1, seed: RandomKernels.Seed);
    }
}
