using System.Reflection;
using System.Text.RegularExpressions;

namespace Stencil.Tests;

/// <summary>
/// The generated CPU kernels as the JIT compiles them: no method of theirs calls a vector
/// operation (<c>System.Runtime.Intrinsics</c>) or a runtime helper meant to be inlined (the
/// <c>AggressiveInlining</c> methods of <see cref="StencilMath"/> and <see cref="Launch"/>). The
/// JIT inlines nothing in a method with too many locals (0.9 x <c>DOTNET_JitMaxLocalsToTrack</c>,
/// 1024 by default): while a gather held all its loops in one method, the largest passed that
/// limit, their vector loads became calls, and the 3D <c>MaxLoc</c> adjoint ran 3.3x slower. Nor
/// is any compiled without optimisation, as a method of more than 60,000 bytes of IL is: the
/// tangent of the fused Stokes velocity update was, in one method. The test runs the harness's
/// <c>--compile-kernels</c> under <c>DOTNET_JitDisasm</c> and reads the listing.
/// </summary>
public sealed class JitInliningTests
{
    [Fact]
    public void Generated_cpu_kernels_inline_their_vector_operations_and_helpers()
    {
        string listing = Path.Combine(Path.GetTempPath(), $"stencil-jit-{Guid.NewGuid():N}.txt");
        try
        {
            BenchmarkHarnessTests.RunHarness(
                new Dictionary<string, string>
                {
                    ["DOTNET_TieredCompilation"] = "0",
                    ["DOTNET_JitDisasm"] = "*Cpu:*",
                    ["DOTNET_JitStdOutFile"] = listing,
                },
                new[] { "Stencil.Tests.dll", "Stencil.Benchmarks.dll", "Geothermal2D.dll", "Diffusion3D.dll" }
                    .Select(assembly => Path.Combine(AppContext.BaseDirectory, assembly))
                    .Prepend("--compile-kernels"));

            var calls = CallsByMethod(File.ReadAllLines(listing));
            // Not vacuous: the largest gathers, the benchmark adjoints and an example's are in the listing.
            foreach (string method in new[]
            {
                "Operators3D+OpMaxLocVjpCpu:GatherAVectors(", "Operators3D+OpMaxLocVjpCpu:GatherAMasked(", "Operators3D+OpHarmVjpCpu:GatherAVectors(",
                "Kernels+NonlinearDiffusion3DInverseVjpCpu:GatherHVectors(", "Harness+HeatDiffusion3DVjpCpu:GatherTVectors(", "Darcy+ResidualFluxesVjpCpu:GatherPfVectors(",
                // Split into a method per loop (VectorWidths.MethodWork): the Stokes tangent and viscosity gather; not its velocity gathers.
                "Stokes+VelocityJvpCpu:Statement2Loop512(", "Stokes+VelocityJvpCpu:Statement2Tail512(", "Stokes+VelocityVjpCpu:GatherMuVectorsLoop512(",
                "Stokes+VelocityVjpCpu:GatherMuMaskedLoop512(", "Stokes+VelocityVjpCpu:GatherVxVectors(",
                // SIMD gathers whose blocks bind a local at different points; the first loads its elements where used (VectorWidths.RegisterLoads).
                "Nonlinear+NeighbourSumsVjpCpu:GatherUVectorsLoop512(", "Nonlinear+SharedReadsVjpCpu:GatherHVectors(", "Samples+LimiterVjpCpu:GatherKVectors(",
            })
            {
                calls.Keys.ShouldContain(k => k.Contains(method), $"no listing of {method}");
            }

            var inlined = typeof(StencilMath).GetMethods().Concat(typeof(Launch).GetMethods())
                .Where(m => m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveInlining))
                .Select(m => $"{m.DeclaringType!.FullName}:{m.Name}")
                .ToHashSet();
            inlined.ShouldContain("Stencil.CompilerServices.StencilMath:Square");
            // Methods for a vector width this CPU lacks never run here, and the JIT compiles their vector operations as calls.
            bool Runs(string method) => (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated || !method.Contains("512("))
                && (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated || !method.Contains("256("));
            var left = calls.Where(m => Runs(m.Key)).SelectMany(m => m.Value
                    .Where(callee => callee.StartsWith("System.Runtime.Intrinsics.", StringComparison.Ordinal) || inlined.Contains(callee))
                    .Distinct()
                    .Select(callee => $"{m.Key} calls {callee}"))
                .ToList();
            left.ShouldBeEmpty();
            // Not the JIT's unoptimised code either (of a method over its size limits).
            calls.Keys.Where(k => !k.Contains("(FullOpts)")).ShouldBeEmpty();
        }
        finally
        {
            File.Delete(listing);
        }
    }

    /// <summary>Per method of the listing, the methods it calls (<c>Type:Name</c>).</summary>
    private static Dictionary<string, List<string>> CallsByMethod(IEnumerable<string> lines)
    {
        var calls = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (string line in lines)
        {
            if (line.StartsWith("; Assembly listing for method ", StringComparison.Ordinal))
            {
                current = new List<string>();
                calls[line["; Assembly listing for method ".Length..]] = current;
                continue;
            }
            var call = Regex.Match(line, @"^\s+call\s+\[([\w.+`]+:\w+)");
            if (call.Success) current?.Add(call.Groups[1].Value);
        }
        return calls;
    }
}
