namespace Stencil.Tests.Generator;

/// <summary>
/// A SIMD x loop carries a local whose value is, operation for operation, another local's one point
/// to the left (the generator's <c>CarriedBindings</c>): the west face flux of a flux-form residual
/// is the east face flux of the point before, so the loop takes it from the east flux's vector of the
/// iteration before (<c>LaneShift.Previous</c>) instead of computing it. That the carried values are
/// the scalar loop's bit for bit is checked on <c>Nonlinear.Diffusion3D</c>,
/// <c>Nonlinear.Diffusion3DInverse</c>, <c>Nonlinear.FaceFluxes</c> and <c>Stokes.Velocity</c> by
/// <see cref="SimdTests"/>.
/// </summary>
public sealed class CarriedBindingsTests
{
    private const string Previous = "StencilServices::LaneShift.Previous(";

    private static string Flux(string a, string b, string spacing = "_dx") => $"Math.Pow(0.5 * ({a} + {b}), 3) * ({a} - {b}) * {spacing}";

    /// <summary>A kernel with the given body, where <c>c = H[Ix + 1, Iy + 1, Iz + 1]</c>.</summary>
    private static string Generated(string body)
    {
        string source = $$"""
            using System;
            using Stencil;
            using static Stencil.Indices;
            public static partial class K
            {
                [Stencil]
                static void Fluxes(Field<double> R, Field<double> H, double _dx, double _dy, double _dz)
                {
                    var c = H[Ix + 1, Iy + 1, Iz + 1];
                    {{body}}
                }
            }
            """;
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        return sources.Single(s => s.HintName == "K.Fluxes.g.cs").SourceText.ToString();
    }

    /// <summary>The neighbour of the point (1, 1, 1) at x + dx, y + dy, z + dz.</summary>
    private static string H(int dx, int dy = 0, int dz = 0) => $"H[Ix + {1 + dx}, Iy + {1 + dy}, Iz + {1 + dz}]";

    /// <summary>The nonlinear diffusion residual with inverse spacings (the benchmark kernel): compute-bound, so it has 512-bit and 256-bit loops.</summary>
    [Fact]
    public void The_west_flux_is_carried_from_the_east_flux_of_the_vector_before()
    {
        string generated = Generated($"""
            var qxw = {Flux("c", H(-1))};
            var qxe = {Flux(H(1), "c")};
            var qys = {Flux("c", H(0, -1), "_dy")};
            var qyn = {Flux(H(0, 1), "c", "_dy")};
            var qzb = {Flux("c", H(0, 0, -1), "_dz")};
            var qzt = {Flux(H(0, 0, 1), "c", "_dz")};
            R[Ix + 1, Iy + 1, Iz + 1] = (qxe - qxw) * _dx + (qyn - qys) * _dy + (qzt - qzb) * _dz;
            """);
        var loops = GeneratedLoops.Bodies(generated).ToList();
        loops.Select(l => l.Bits).ShouldBe([512, 256]);
        foreach (var (bits, body) in loops)
        {
            // qxw moves after qxe, from which it is taken; qxe's vector is kept for the next iteration.
            string carried = $"var qxw_0 = {Previous}qxe_0, qxe_0_before);";
            body.ShouldContain(carried, customMessage: $"{bits}-bit loop");
            body.IndexOf("var qxe_0 = ", StringComparison.Ordinal).ShouldBeLessThan(body.IndexOf(carried, StringComparison.Ordinal));
            body.ShouldContain("qxe_0_before = qxe_0;");
            // Only qxw read H at x - 1, and the y and z fluxes are no shift along x of each other.
            body.ShouldNotContain("H_y1z1 + ix)");
            body.Split(Previous).Length.ShouldBe(2, $"{bits}-bit loop carries more than qxw");
        }
        // Each loop starts the carry with the scalar qxw at its first point.
        generated.ShouldContain("qxe_0_before = StencilSimd::Vector512.Create(qxw_0);");
        generated.ShouldContain("qxe_0_before = StencilSimd::Vector256.Create(qxw_0);");
        generated.ShouldContain("double qxw_0 = StencilServices::StencilMath.Cube(0.5 * (H_y1z1[ix + 1] + H_y1z1[ix])) * (H_y1z1[ix + 1] - H_y1z1[ix]) * _dx;");
        // The row's aligning vector and each loop's tail vector (512-bit, 256-bit), alone, compute qxw.
        generated.Split("var qxw_0 = StencilServices::StencilMath.Cube(").Length.ShouldBe(4);
    }

    public static TheoryData<string, string> NotCarried() => new()
    {
        // The sum's operands in the other order round apart from qxe's at x - 1.
        { "operands in the other order", $"var qxw = Math.Pow(0.5 * ({H(-1)} + c), 3) * (c - {H(-1)}) * _dx; var qxe = {Flux(H(1), "c")}; R[Ix + 1, Iy + 1, Iz + 1] = qxe - qxw;" },
        { "another spacing", $"var qxw = {Flux("c", H(-1), "_dy")}; var qxe = {Flux(H(1), "c")}; R[Ix + 1, Iy + 1, Iz + 1] = qxe - qxw;" },
        // A difference of two loads is as cheap to compute as to carry.
        { "too cheap", $"var dw = c - {H(-1)}; var de = {H(1)} - c; R[Ix + 1, Iy + 1, Iz + 1] = de * de - dw * dw;" },
        // qxw would move after qxe, but s, between them, uses it.
        { "used before its leader", $"var qxw = {Flux("c", H(-1))}; var s = qxw * qxw; var qxe = {Flux(H(1), "c")}; R[Ix + 1, Iy + 1, Iz + 1] = qxe - s;" },
        // ... also where what uses it is a mask, which is no candidate itself.
        { "used by a mask before its leader", $"var qxw = {Flux("c", H(-1))}; var m = qxw > 0.5; var qxe = {Flux(H(1), "c")}; R[Ix + 1, Iy + 1, Iz + 1] = m ? qxe : qxw;" },
        // Shifted along y, not x.
        { "a y shift", $"var qys = {Flux("c", H(0, -1))}; var qyn = {Flux(H(0, 1), "c")}; R[Ix + 1, Iy + 1, Iz + 1] = qyn - qys;" },
    };

    [Theory]
    [MemberData(nameof(NotCarried))]
    public void Only_the_same_operations_one_point_to_the_left_are_carried(string why, string body)
        => Generated(body).ShouldNotContain(Previous, customMessage: why);

    [Fact]
    public void A_follower_written_after_its_leader_is_carried_right_after_it()
    {
        string generated = Generated($"""
            var qxe = {Flux(H(1), "c")};
            var s = 2.0 * qxe;
            var qxw = {Flux("c", H(-1))};
            R[Ix + 1, Iy + 1, Iz + 1] = s - qxw * qxw;
            """);
        var loops = GeneratedLoops.Bodies(generated).ToList();
        loops.ShouldNotBeEmpty();
        foreach (var (bits, body) in loops)
        {
            var lines = body.Split('\n').Select(l => l.Trim()).ToList();
            int qxe = lines.FindIndex(l => l.StartsWith("var qxe_0 = ", StringComparison.Ordinal));
            lines[qxe + 1].ShouldBe($"var qxw_0 = {Previous}qxe_0, qxe_0_before);", $"{bits}-bit loop");
            lines.ShouldContain(l => l.StartsWith("var s_0 = ", StringComparison.Ordinal));
        }
    }
}
