using System.Text.RegularExpressions;

namespace Stencil.Tests.Generator;

/// <summary>
/// A SIMD loop uses at most <c>VectorWidths.RegisterBroadcasts</c> hoisted broadcast locals
/// (<c>u3</c>, <c>w12</c>), which the JIT keeps in vector registers across the loop: 16 in a
/// 512-bit loop (AVX-512 has 32 registers), 8 in a 256-bit loop (AVX2 has 16); the constants and
/// scalars it uses least are broadcast where used (<c>Vector512.Create((double)(0.13))</c>). With
/// more, a probe kernel's loop kept its running sums on the stack. That broadcasts where used
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
    public void Simd_loops_use_at_most_half_the_registers_for_hoisted_broadcasts(string file)
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Source());
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        string generated = sources.Single(s => s.HintName == file).SourceText.ToString();

        // Not vacuous: the kernel has more broadcast values than a loop may hold.
        Regex.Matches(generated, @"var w\d+ = ").Count.ShouldBeGreaterThan(16);
        var loops = GeneratedLoops.Bodies(generated).ToList();
        loops.ShouldNotBeEmpty();
        foreach (var (bits, body) in loops)
        {
            var locals = BroadcastLocals(body);
            int budget = bits == 512 ? 16 : 8;
            locals.Count.ShouldBeLessThanOrEqualTo(budget, $"a {bits}-bit loop uses {locals.Count} hoisted broadcasts: {string.Join(", ", locals)}");
        }
        loops.ShouldContain(l => l.Bits == 512 && l.Body.Contains("Vector512.Create((double)(0.1", StringComparison.Ordinal), "no constant broadcast where used");
        loops.ShouldContain(l => l.Bits == 256 && l.Body.Contains("Vector256.Create((double)(0.1", StringComparison.Ordinal), "no constant broadcast where used");
    }

    /// <summary>
    /// A 256-bit loop keeps field elements in locals only while they and its broadcast locals fill
    /// at most 12 of AVX2's 16 registers; past that the elements used least are loaded where used.
    /// A 512-bit loop keeps up to 32. Here, the nonlinear diffusion residual with inverse spacings
    /// (the benchmark kernel): its forward's loops load 6 elements beside 4 broadcasts (the seventh
    /// was the west flux's, which they carry: <see cref="CarriedBindingsTests"/>), the gather of its
    /// adjoint 14 beside 5, and is compute-bound, so it also has 512-bit loops.
    /// </summary>
    [Fact]
    public void Loops_256_bits_wide_load_where_used_past_three_quarters_of_16_registers()
    {
        static string Flux(string a, string b, string spacing) => $"Math.Pow(0.5 * ({a} + {b}), 3) * ({a} - {b}) * {spacing}";
        string source = $$"""
            using System;
            using Stencil;
            using static Stencil.Indices;
            public static partial class K
            {
                [Stencil]
                static void Nonlinear(Field<double> R, Field<double> H, double _dx, double _dy, double _dz)
                {
                    var c = H[Ix + 1, Iy + 1, Iz + 1];
                    R[Ix + 1, Iy + 1, Iz + 1] = ({{Flux("H[Ix + 2, Iy + 1, Iz + 1]", "c", "_dx")}} - {{Flux("c", "H[Ix, Iy + 1, Iz + 1]", "_dx")}}) * _dx
                        + ({{Flux("H[Ix + 1, Iy + 2, Iz + 1]", "c", "_dy")}} - {{Flux("c", "H[Ix + 1, Iy, Iz + 1]", "_dy")}}) * _dy
                        + ({{Flux("H[Ix + 1, Iy + 1, Iz + 2]", "c", "_dz")}} - {{Flux("c", "H[Ix + 1, Iy + 1, Iz]", "_dz")}}) * _dz;
                }
            }
            """;
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        List<(int Bits, string Body)> Loops(string file) => GeneratedLoops.Bodies(sources.Single(s => s.HintName == file).SourceText.ToString()).ToList();
        foreach (var file in new[] { "K.Nonlinear.g.cs", "K.NonlinearVjp.g.cs" })
        {
            var loops = Loops(file);
            loops.ShouldContain(l => l.Bits == 512, $"{file}: no 512-bit loop");
            loops.ShouldContain(l => l.Bits == 256, $"{file}: no 256-bit loop");
            foreach (var (bits, body) in loops)
            {
                int loads = LoadLocals(body);
                int broadcasts = BroadcastLocals(body).Count;
                if (bits == 512) loads.ShouldBeLessThanOrEqualTo(32, $"{file}: a 512-bit loop keeps {loads} loads in locals");
                else if (loads > 0) (loads + broadcasts).ShouldBeLessThanOrEqualTo(12, $"{file}: a 256-bit loop keeps {loads} loads and {broadcasts} broadcasts in locals");
            }
        }
        // Not vacuous: the adjoint's 512-bit loops keep all 14 loads in locals, its 256-bit loops
        // keep some (the elements used most) and load the others where used.
        var gather = Loops("K.NonlinearVjp.g.cs");
        gather.ShouldContain(l => l.Bits == 512 && LoadLocals(l.Body) == 14);
        gather.Where(l => l.Bits == 256).ShouldAllBe(l => l.Body.Contains("(*(StencilSimd::Vector256<double>*)(", StringComparison.Ordinal)
            && l.Body.Contains("= StencilSimd::Vector256.Load(", StringComparison.Ordinal));
        // The forward's 6 loads and 4 broadcasts stay in locals at both widths.
        Loops("K.Nonlinear.g.cs").ShouldAllBe(l => !l.Body.Contains("(*(global::", StringComparison.Ordinal));
    }

    /// <summary>The hoisted broadcast locals a loop body names (<c>u3</c>, <c>w12</c>).</summary>
    private static List<string> BroadcastLocals(string body) => Regex.Matches(body, @"\b[uw]\d+\b").Select(m => m.Value).Distinct().ToList();

    /// <summary>The field elements a loop body loads into locals (<c>var T_y1z1_x2 = Vector256.Load(...)</c>).</summary>
    private static int LoadLocals(string body) => Regex.Matches(body, @"= StencilSimd::Vector\d+\.Load\(").Count;
}
