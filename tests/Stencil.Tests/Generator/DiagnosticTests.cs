using Microsoft.CodeAnalysis.Text;

namespace Stencil.Tests.Generator;

/// <summary>
/// Every diagnostic, on a kernel that triggers it, at the exact span marked with [| |] in the source.
/// The generator must report it instead of crashing or emitting code.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = """
        using System;
        using Stencil;
        using static Stencil.FiniteDifferences2D;
        using static Stencil.Indices;

        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "STENCIL001", "public static partial class K { [Stencil] void [|M|](Field<double> A) { All(A) = 1.0; } }" },
        { "STENCIL001", "public static class K { [Stencil] static void [|M|](Field<double> A) { All(A) = 1.0; } }" },
        { "STENCIL002", "public static partial class K { [Stencil] static void M(Field<double> A, string [|s|]) { All(A) = 1.0; } }" },
        { "STENCIL002", "public static partial class K { [Stencil] static void M(Field<double> A, ref double [|x|]) { All(A) = x; } }" },
        { "STENCIL003", "public static partial class K { [Stencil] static void M(Field<double> A, Field<float> [|B|]) { All(A) = All(B); } }" },
        { "STENCIL004", "public static partial class K { [Stencil] static void M(Field<double> A) { [|for (int i = 0; i < 3; i++) All(A) = i;|] } }" },
        { "STENCIL005", "public static partial class K { static double F(double x) => x; [Stencil] static void M(Field<double> A) { All(A) = [|F(1.0)|]; } }" },
        { "STENCIL005", "public static partial class K { [Stencil] static void M(Field<double> A) { All(A) = [|DXa(DXa(A))|]; } }" },
        { "STENCIL006", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { All(A) = [|FiniteDifferences3D.All(B)|]; } }" },
        { "STENCIL007", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { [|DXa(A)|] = All(B); } }" },
        { "STENCIL008", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { All(A) = All(B); [|Inn(A)|] = All(B); } }" },
        { "STENCIL009", "public static partial class K { [Stencil] static void M(Field<double> A) { Inn(A) = [|D2Xi(A)|]; } }" },
        { "STENCIL009", "public static partial class K { [Stencil] static void M(Field<double> A) { A[Ix, Iy] = [|A[Ix + 1, Iy]|]; } }" },
        { "STENCIL010", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { A[Ix, Iy] = B[[|Iy|], Iy]; } }" },
        { "STENCIL010", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { A[[|0|], Iy] = B[Ix, Iy]; } }" },
        { "STENCIL011", "public static partial class K { [Stencil] static void M(Field<double> A, double s) { [|s|] = 2.0; All(A) = s; } }" },
        { "STENCIL012", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { var b = [|B|]; All(A) = 1.0; } }" },
        { "STENCIL006", "public static partial class K { [Stencil] static void M(Field<double> A) { A[Ix, Iy] = [|Iz|]; } }" },
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, double [|all|]) { All(A) = all; } }" },
        // The SIMD loops' broadcast values (u0, w0, ...) and gather accumulators would shadow such a scalar.
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, double [|u0|]) { All(A) = u0; } }" },
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, double [|sum|]) { All(A) = sum; } }" },
        // A gather's row tests and masks (rowIn0, rowMask0, rowMasked) likewise.
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, double [|rowMask0|]) { All(A) = rowMask0; } }" },
        // The pseudo-time steps a kernel takes (the launcher's steps, the job's Step0, the GPU thread's step0).
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> [|steps|]) { All(A) = All(steps); } }" },
        { "STENCIL015", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> [|Step0|]) { All(A) = All(Step0); } }" },
        { "STENCIL013", "public static partial class K { [Stencil] static void [|M|](Field<double> A, double s) { var t = s * 2; } }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_is_reported_at_the_offending_code(string id, string marked)
    {
        var (source, span) = Unmark(Header + marked);
        var (diagnostics, sources, _) = GeneratorHarness.Run(source);

        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Location.SourceSpan.ShouldBe(span, $"'{source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}' was marked instead");
        diagnostic.GetMessage().Length.ShouldBeGreaterThan(40);
        sources.ShouldNotContain(s => s.HintName.StartsWith("K."), "no kernel is emitted for an invalid method");
    }

    [Fact]
    public void Overloaded_kernel_is_reported_and_the_first_one_still_generated()
    {
        var (source, span) = Unmark(Header + "public static partial class K { [Stencil] static void M(Field<double> A) { All(A) = 1.0; } [Stencil] static void [|M|](Field<double> A, double s) { All(A) = s; } }");
        var (diagnostics, sources, _) = GeneratorHarness.Run(source);
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("STENCIL001");
        diagnostic.Location.SourceSpan.ShouldBe(span);
        sources.Count(s => s.HintName == "K.M.g.cs").ShouldBe(1);
    }

    [Fact]
    public void Chain_kernel_keeps_its_forward_launcher_and_warns_that_it_has_no_reverse_mode()
    {
        var (source, span) = Unmark(Header + "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B, Field<double> C) { All(A) = All(C) * 2.0; All(B) = [|All(A)|] + 1.0; } }");
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("STENCIL016");
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        diagnostic.Location.SourceSpan.ShouldBe(span);
        compiler.ShouldBeEmpty();
        sources.ShouldContain(s => s.HintName == "K.M.g.cs");
        sources.ShouldNotContain(s => s.HintName == "K.MVjp.g.cs");
    }

    [Fact]
    public void Divisions_by_scalars_suggest_reciprocals_at_the_first_one()
    {
        // Counted: / dx, / dy, / (dx * dy) and / 2.0 (of 1.0 / dx * B, a point value); not 1.0 / dx itself (the same at every point).
        var (source, span) = Unmark(Header + "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B, double dx, double dy) { A[Ix, Iy] = (B[Ix + 1, Iy] - B[Ix, Iy]) [|/|] dx + B[Ix, Iy + 1] / dy + B[Ix, Iy] / (dx * dy) + 1.0 / dx * B[Ix, Iy] / 2.0; } }");
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("STENCIL017");
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Info);
        diagnostic.Location.SourceSpan.ShouldBe(span);
        diagnostic.GetMessage().ShouldContain("4 times (first by 'dx')");
        diagnostic.GetMessage().ShouldContain("[Stencil(MultiplyByReciprocals = true)]");
        compiler.ShouldBeEmpty();
        sources.ShouldContain(s => s.HintName == "K.M.g.cs");
    }

    [Theory]
    [InlineData("[Stencil]", "A[Ix, Iy] = B[Ix + 1, Iy] / dx + B[Ix, Iy + 1] / dy + B[Ix, Iy] / (dx * dy);")]
    [InlineData("[Stencil]", "A[Ix, Iy] = 1.0 / B[Ix + 1, Iy] + dx / B[Ix, Iy + 1] + B[Ix, Iy] / B[Ix + 1, Iy] + B[Ix, Iy + 1] / B[Ix, Iy];")]
    [InlineData("[Stencil]", "A[Ix, Iy] = B[Ix, Iy] * (1.0 / dx + dy / dx + 2.0 / dy + dx / (dy * dy)) + Ix / 2 + Iy / 3 + Ix / 4 + Iy / 5;")]
    [InlineData("[Stencil(MultiplyByReciprocals = true)]", "A[Ix, Iy] = B[Ix + 1, Iy] / dx + B[Ix, Iy + 1] / dy + B[Ix, Iy] / (dx * dy) + B[Ix, Iy] / 2.0;")]
    public void Fewer_than_four_divisions_by_scalars_or_reciprocals_chosen_are_not_reported(string attribute, string body)
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Header + $"public static partial class K {{ {attribute} static void M(Field<double> A, Field<double> B, double dx, double dy) {{ {body} }} }}");
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        var kernel = sources.Single(s => s.HintName == "K.M.g.cs").SourceText.ToString();
        if (attribute.Contains("MultiplyByReciprocals"))
        {
            kernel.ShouldContain("Create((double)(1.0 / dx))");
            kernel.ShouldContain("// SIMD, per point: 7 operations, 0 divisions");
        }
    }

    [Fact]
    public void Reciprocals_of_a_float_kernel_are_floats()
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Header + "public static partial class K { [Stencil(MultiplyByReciprocals = true)] static void M(Field<float> A, Field<float> B, float dx) { A[Ix, Iy] = B[Ix + 1, Iy] / dx; } }");
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        var kernel = sources.Single(s => s.HintName == "K.M.g.cs").SourceText.ToString();
        kernel.ShouldContain("Create((float)(1f / dx))");
        kernel.ShouldNotContain("(double)");
    }

    [Fact]
    public void Disabled_unsafe_code_is_reported_with_the_fix()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Header + "public static partial class K { [Stencil] static void M(Field<double> A) { All(A) = 1.0; } }", allowUnsafe: false);
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("STENCIL014");
        diagnostic.GetMessage().ShouldContain("<AllowUnsafeBlocks>true</AllowUnsafeBlocks>");
    }

    [Fact]
    public void Boundary_pattern_reading_off_the_pinned_plane_is_accepted()
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Header + """
            public static partial class K
            {
                [Stencil] static void M(Field<double> A)
                {
                    if (Ix == 0) A[Ix, Iy] = A[Ix + 1, Iy];
                    if (Ix == A.Nx - 1) A[Ix, Iy] = A[Ix - 1, Iy];
                }
            }
            """);
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        sources.ShouldContain(s => s.HintName == "K.M.g.cs");
    }

    [Fact]
    public void Broken_source_does_not_crash_the_generator()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Header + "public static partial class K { [Stencil] static void M(Field<double> A) { All(A) = Unknown(; if (", allowUnsafe: true);
        diagnostics.ShouldNotContain(d => d.Id.StartsWith("CS8785"), "the generator threw");
    }

    [Fact]
    public void Every_rule_of_the_release_file_has_a_test()
    {
        var rules = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Stencil.Generators", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("STENCIL")).Select(l => l.Split('|')[0].Trim()).ToList();
        var tested = Cases.Select(row => (string)row[0]).Append("STENCIL014").Append("STENCIL016").Append("STENCIL017").ToHashSet();
        rules.ShouldNotBeEmpty();
        rules.ShouldAllBe(r => tested.Contains(r));
    }

    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
