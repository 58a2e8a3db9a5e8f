namespace Stencil.Tests.Generator;

/// <summary>
/// Pins the generated source of representative kernels (2D staggered, 3D, 1D index form, boundary
/// conditions, float, locals and branches). The files under Snapshots/ are also documentation
/// of what users get. On a change, the test fails and writes *.received.cs beside *.verified.cs:
/// review the difference, then rename received to verified.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Kernels => new()
    {
        "Darcy.ResidualFluxes", "Darcy.ResidualPressure",
        "Samples.Diffusion3D", "Samples.PowerLawResidual", "Samples.BoundaryX", "Samples.ScaledUpdate", "Samples.Limiter",
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Generated_source_matches_the_verified_snapshot(string kernel)
    {
        string kernels = Path.Combine(DiagnosticTests.RepositoryRoot(), "tests", "Stencil.Tests", "Kernels");
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(true,
            "using System;\n" + File.ReadAllText(Path.Combine(kernels, "Darcy.cs")),
            "using System;\n" + File.ReadAllText(Path.Combine(kernels, "Samples.cs")));
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();

        var generated = sources.Single(s => s.HintName == $"Stencil.Tests.Kernels.{kernel}.g.cs").SourceText.ToString();
        generated.ShouldMatchApproved(c => c
            .SubFolder(Path.Combine("..", "Snapshots"))
            .WithDiscriminator(kernel)
            .WithFileExtension("cs")
            .NoDiff()
            .WithFilenameGenerator((_, discriminator, type, extension) => $"{discriminator!.TrimStart('.')}.{(type == "approved" ? "verified" : type)}.{extension}"));
    }
}
