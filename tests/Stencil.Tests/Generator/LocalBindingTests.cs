using System.Diagnostics;

namespace Stencil.Tests.Generator;

/// <summary>Locals become single-assignment bindings, so a body's generated code grows linearly with it.</summary>
public sealed class LocalBindingTests
{
    [Fact]
    public void Chain_of_locals_each_used_twice_generates_linear_code()
    {
        const int depth = 40;
        var body = new System.Text.StringBuilder("var v0 = All(A) * 0.5;\n");
        for (int i = 1; i < depth; i++) body.Append($"var v{i} = v{i - 1} * v{i - 1} + 1.0;\n");
        body.Append($"All(B) = v{depth - 1};\n");
        string source = $$"""
            using System;
            using Stencil;
            using static Stencil.FiniteDifferences1D;
            public static partial class K { [Stencil] static void M(Field<double> B, Field<double> A) { {{body}} } }
            """;

        var watch = Stopwatch.StartNew();
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        watch.Stop();

        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        var generated = sources.Single(s => s.HintName == "K.M.g.cs").SourceText.ToString();
        // Ten copies of the 40 lines: the scalar loop, the 512-bit aligning vector, the 512-bit and 256-bit
        // loops and their tail vectors, and four ILGPU kernels (64- and 32-bit indices, each also taking steps).
        System.Text.RegularExpressions.Regex.Matches(generated, $"v{depth - 1}(_0)? = ").Count.ShouldBe(10);
        generated.Length.ShouldBeLessThan(40_000, "inlining the chain would double the code per local");
        generated.ShouldContain($"double v{depth - 1}_0 = v{depth - 2}_0 * v{depth - 2}_0 + 1.0;");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }
}
