namespace Stencil.Tests.Generator;

/// <summary>
/// A negation of a negation is written with parentheses in every body: <c>--x</c> is C#'s
/// decrement operator, and the SIMD bodies once wrote <c>-(-Math.Atan(u))</c> as
/// <c>--StencilServices::StencilMath.Lanes(...)</c>, which does not compile (found by
/// <see cref="RandomKernelPropertyTests"/>, seed 5Pl1Uag7NBI2).
/// </summary>
public sealed class NegationTests
{
    [Theory]
    [InlineData("Ix")]
    [InlineData("Ix, Iy, Iz")]
    public void A_negated_negation_compiles_in_the_scalar_and_simd_bodies(string indices)
    {
        string source = $$"""
            using System;
            using Stencil;
            using static Stencil.Indices;
            public static partial class K
            {
                [Stencil]
                static void M(Field<double> R, Field<double> A, double s)
                {
                    var t = -(-A[{{indices}}]);
                    R[{{indices}}] = -(-(Math.Atan(A[{{indices}}]))) + -(-(s * t)) - -t;
                }
            }
            """;

        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);

        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        var generated = sources.Single(s => s.HintName == "K.M.g.cs").SourceText.ToString();
        generated.ShouldContain("Vector256.Store(");
        generated.ShouldContain("-(-");
    }
}
