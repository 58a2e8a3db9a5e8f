using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Stencil.Tests;

/// <summary>
/// The CUDA path without a GPU: every generated ILGPU kernel (forward, gathers, in-place passes) of
/// the test kernels, the benchmark kernels and the examples compiles to PTX for an H100 (sm_90)
/// with ILGPU's PTX backend, as explicitly grouped kernels, and the PTX stores a result. The tests on ILGPU's CPU simulator check what the kernels compute; this checks that the
/// CUDA compiler accepts every construct the emitter writes.
/// </summary>
public sealed class PtxCompileTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var method in GeneratedKernels()) data.Add(Name(method));
        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Generated_kernel_compiles_to_PTX_for_sm_90(string kernel)
    {
        var method = GeneratedKernels().Single(m => Name(m) == kernel);
        using var context = Backends.CreateContext(b => b.Cuda());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);   // no NVVM: ILGPU's own PTX code generator
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        compiled.PTXAssembly.ShouldContain(".entry Kernel_" + method.Name);
        compiled.PTXAssembly.ShouldMatch(@"\bst\.global\.f(64|32)\s", "the kernel stores its result to global memory");
        compiled.PTXAssembly.ShouldNotMatch(@"\b(ld|st)\.f(64|32)\s", "field elements go through the global address space (OptimizationLevel.O2 infers it), not generic loads and stores");
    }

    /// <summary>
    /// ILGPU shares no index arithmetic or loads between accesses: the kernels compute the thread's
    /// index in each field they touch once (at most three 64-bit multiplications: the index and the
    /// plane stride), not per access, and load each element they always read once. Inline, the
    /// heat step's 15 accesses took 30 multiplications and 14 loads, the nonlinear residual's 25
    /// took 50 and 24.
    /// </summary>
    [Theory]
    [InlineData("Stencil.Benchmarks.Harness.HeatDiffusion3DIlgpu", 3, 8)]                // fields T, Ci, T2; elements: T at 7, Ci
    [InlineData("Stencil.Benchmarks.Kernels.NonlinearDiffusion3DInverseIlgpu", 2, 7)]    // fields H, R; elements: H at 7
    public void Index_arithmetic_and_loads_are_done_once(string kernel, int fields, int elements)
    {
        var method = GeneratedKernels().Single(m => Name(m) == kernel);
        using var context = Backends.CreateContext(b => b.Cuda());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var ptx = ((PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(method), KernelSpecialization.Empty)).PTXAssembly;
        System.Text.RegularExpressions.Regex.Matches(ptx, @"\bmul\.lo\.s64\s").Count.ShouldBeLessThanOrEqualTo(3 * fields);
        System.Text.RegularExpressions.Regex.Matches(ptx, @"\bld\.global\.f64\s").Count.ShouldBe(elements);
    }

    /// <summary>
    /// The 32-bit index variants (launched where every field has at most 2^30 elements) do no
    /// 64-bit multiplication at all: on an H100 the heat step executed 241 machine instructions per
    /// point with 64-bit indices (70.5 IMAD) and 166 with 32-bit ones (25.8 IMAD), in 14-16 % less time.
    /// </summary>
    [Theory]
    [InlineData("Stencil.Benchmarks.Harness.HeatDiffusion3DIndex32Ilgpu", 8)]
    [InlineData("Stencil.Benchmarks.Kernels.NonlinearDiffusion3DInverseIndex32Ilgpu", 7)]
    [InlineData("Stencil.Benchmarks.Harness.HeatDiffusion3DVjpGatherTIndex32Ilgpu", null)]   // two paths (interior, boundary) load apart
    public void Index32_kernels_do_no_64_bit_multiplication(string kernel, int? elements)
    {
        var method = GeneratedKernels().Single(m => Name(m) == kernel);
        using var context = Backends.CreateContext(b => b.Cuda());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var ptx = ((PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(method), KernelSpecialization.Empty)).PTXAssembly;
        System.Text.RegularExpressions.Regex.Matches(ptx, @"\bmul\.lo\.[su]64\s").Count.ShouldBe(0);
        if (elements is int loads) System.Text.RegularExpressions.Regex.Matches(ptx, @"\bld\.global\.f64\s").Count.ShouldBe(loads);
    }

    [Fact]
    public void Every_kind_of_generated_kernel_is_covered()
    {
        var names = GeneratedKernels().Select(Name).ToList();
        names.Count.ShouldBeGreaterThan(50);
        names.ShouldContain(n => n.Contains("Gather"));
        names.ShouldContain(n => n.Contains("InPlace"));
        names.ShouldContain(n => n.StartsWith("Geothermal2D."));
        names.ShouldContain(n => n.StartsWith("Stencil.Benchmarks."));
    }

    /// <summary>The generated ILGPU kernel methods: private static, named *Ilgpu, taking the argument struct.</summary>
    private static IEnumerable<MethodInfo> GeneratedKernels()
        => new[] { typeof(PtxCompileTests).Assembly, typeof(Stencil.Benchmarks.Harness).Assembly, typeof(Geothermal2D.Darcy).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.EndsWith("Ilgpu", StringComparison.Ordinal) && m.GetParameters() is [{ ParameterType.IsValueType: true }])
            .OrderBy(Name);

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.FullName}.{m.Name}";
}
