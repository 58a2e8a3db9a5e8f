using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Stencil.Tests.Generator;

/// <summary>
/// Pins the generated source of representative kernels (2D staggered, 3D, 1D index form, boundary
/// conditions, float, locals and branches) and of their reverse-mode and tangent kernels. The files under Snapshots/ are also documentation
/// of what users get. On a change, the test fails and writes *.received.cs beside *.verified.cs:
/// review the difference, then rename received to verified.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Kernels => new()
    {
        "Darcy.ResidualFluxes", "Darcy.ResidualPressure",
        "Samples.Diffusion3D", "Samples.PowerLawResidual", "Samples.BoundaryX", "Samples.ScaledUpdate", "Samples.Limiter",
        // Reverse mode (gather form) and tangents.
        "Darcy.ResidualFluxesVjp", "Kernels.NonlinearDiffusion3DVjp", "Samples.BoundaryXVjp", "Nonlinear.MassBalanceVjp", "Samples.ScaledUpdateVjp",
        "Kernels.NonlinearDiffusion3DJvp",
    };

    private static readonly Lazy<(ImmutableArray<Diagnostic>, ImmutableArray<GeneratedSourceResult>, ImmutableArray<Diagnostic>)> s_run = new(() =>
    {
        string root = DiagnosticTests.RepositoryRoot();
        return GeneratorHarness.Run(true, new[]
            {
                Path.Combine(root, "examples", "Geothermal2D", "Darcy.cs"),
                Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Samples.cs"),
                Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Nonlinear.cs"),
                Path.Combine(root, "tests", "Stencil.Benchmarks", "Kernels.cs"),
            }
            .Select(file => "using System;\n" + File.ReadAllText(file)).ToArray());
    });

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Generated_source_matches_the_verified_snapshot(string kernel)
    {
        var (diagnostics, sources, compiler) = s_run.Value;
        // The one suggestion: the benchmark's residual divides by its spacings on purpose (as written, beside the "* _dx" one).
        var suggestion = diagnostics.ShouldHaveSingleItem();
        suggestion.Id.ShouldBe("STENCIL017");
        suggestion.GetMessage().ShouldContain("'NonlinearDiffusion3D' divides by values that are the same at every point 9 times");
        compiler.ShouldBeEmpty();

        var generated = sources.Single(s => s.HintName.EndsWith($".{kernel}.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        generated.ShouldMatchApproved(c => c
            .SubFolder(Path.Combine("..", "Snapshots"))
            .WithDiscriminator(kernel)
            .WithFileExtension("cs")
            .NoDiff()
            .WithFilenameGenerator((_, discriminator, type, extension) => $"{discriminator!.TrimStart('.')}.{(type == "approved" ? "verified" : type)}.{extension}"));
    }
}
