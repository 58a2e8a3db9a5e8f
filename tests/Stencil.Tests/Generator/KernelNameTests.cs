namespace Stencil.Tests.Generator;

/// <summary>Kernels whose names are C# keywords, written with <c>@</c>, get launchers that compile and are called by those names.</summary>
public sealed class KernelNameTests
{
    [Theory]
    [InlineData("@class")]
    [InlineData("@event")]
    [InlineData("@in")]
    public void A_kernel_named_by_a_keyword_generates_code_that_compiles(string name)
    {
        string source = $$"""
            using Stencil;
            using static Stencil.FiniteDifferences2D;

            public static partial class Model
            {
                [Stencil]
                static void {{name}}(Field<double> R, Field<double> A, double @double)
                {
                    All(R) = All(A) * @double;
                }

                public static void Use(Backend backend, Field<double> R, Field<double> A) => {{name}}(backend, R, A, 2.0);

                public static DifferentiableKernel<double> Kernel => {{name[1..]}}Kernel;
            }
            """;
        var (generator, sources, compiler) = GeneratorHarness.Run(source);
        generator.ShouldBeEmpty();
        sources.ShouldNotBeEmpty();
        compiler.ShouldBeEmpty(string.Join("\n", compiler));
    }
}
