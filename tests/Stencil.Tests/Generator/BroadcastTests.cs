using System.Text.RegularExpressions;

namespace Stencil.Tests.Generator;

/// <summary>
/// A SIMD loop uses at most <c>VectorWidths.RegisterBroadcasts</c> (16) hoisted broadcast locals
/// (<c>u3</c>, <c>w12</c>), which the JIT keeps in vector registers across the loop; the
/// constants and scalars it uses least are broadcast where used (<c>Vector512.Create((double)(0.13))</c>).
/// With more, a probe kernel's loop kept its running sums on the stack. That broadcasts where used
/// compute what the locals did is checked on the similar test kernel <c>Nonlinear.Polynomials</c>
/// by <see cref="SimdTests"/> and <see cref="AdjointTests"/>.
/// </summary>
public sealed class BroadcastTests
{
    /// <summary>
    /// A kernel with more broadcast values than a loop may hold: polynomials of degree 9 and 10 in
    /// Horner form, in U at two x points, with 19 distinct coefficients and a scalar (like
    /// <c>Nonlinear.Polynomials</c>, whose results the SIMD tests compare).
    /// </summary>
    private static string Source()
    {
        static string Horner(string x, int first, int degree) => Enumerable.Range(first + 1, degree - 1)
            .Aggregate($"0.{first} * {x}", (inner, k) => $"({inner} + 0.{k}) * {x}");
        return $$"""
            using System;
            using Stencil;
            using static Stencil.Indices;
            public static partial class K
            {
                [Stencil]
                static void Polynomials(Field<double> R, Field<double> U, double a)
                {
                    var p = U[Ix + 1, Iy + 1, Iz + 1];
                    var q = U[Ix + 2, Iy + 1, Iz + 1];
                    R[Ix + 1, Iy + 1, Iz + 1] = ({{Horner("p", 11, 9)}} + a) * ({{Horner("q", 21, 10)}});
                }
            }
            """;
    }

    [Theory]
    [InlineData("K.Polynomials.g.cs")]
    [InlineData("K.PolynomialsVjp.g.cs")]
    public void Simd_loops_use_at_most_16_hoisted_broadcasts(string file)
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Source());
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        string generated = sources.Single(s => s.HintName == file).SourceText.ToString();

        // Not vacuous: the kernel has more broadcast values than a loop may hold.
        Regex.Matches(generated, @"var w\d+ = ").Count.ShouldBeGreaterThan(16);
        var loops = LoopBodies(generated).ToList();
        loops.ShouldNotBeEmpty();
        foreach (string body in loops)
        {
            var locals = Regex.Matches(body, @"\b[uw]\d+\b").Select(m => m.Value).Distinct().ToList();
            locals.Count.ShouldBeLessThanOrEqualTo(16, $"a loop uses {locals.Count} hoisted broadcasts: {string.Join(", ", locals)}");
        }
        loops.ShouldContain(body => body.Contains("Vector512.Create((double)(0.1", StringComparison.Ordinal), "no constant broadcast where used");
    }

    /// <summary>The bodies of the generated SIMD x loops (<c>for (int xLast = ...) { ... }</c>).</summary>
    private static IEnumerable<string> LoopBodies(string generated)
    {
        foreach (Match start in Regex.Matches(generated, @"for \(int xLast = [^\n]*\n\s*\{"))
        {
            int depth = 1, i = start.Index + start.Length;
            int from = i;
            for (; depth > 0; i++)
            {
                if (generated[i] == '{') depth++;
                else if (generated[i] == '}') depth--;
            }
            yield return generated[from..(i - 1)];
        }
    }
}
