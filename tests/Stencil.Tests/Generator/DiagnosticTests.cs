using Microsoft.CodeAnalysis.Text;
using Stencil.Generators.Model;

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
        { "STENCIL018", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { [|A[Ix, Iy, Iz, 0]|] = B[Ix, Iy]; } }" },
        { "STENCIL018", "public static partial class K { [Stencil] static void M(Field<double> A, Field<double> B) { A[Ix, Iy] = [|B[Ix, Iy, Ix, Iy, Ix]|]; } }" },
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

    /// <summary>Names the generated code uses for its own locals and members, or builds from the user's (A_nx for a field A).</summary>
    [Theory]
    [InlineData("x0")]
    [InlineData("sum")]
    [InlineData("row")]
    [InlineData("s0")]
    [InlineData("u0")]
    [InlineData("backend")]
    [InlineData("kernel")]
    [InlineData("args")]
    [InlineData("steps")]
    [InlineData("Step0")]
    [InlineData("rowMask0")]
    [InlineData("A_nx")]
    [InlineData("A_bar")]
    [InlineData("A_dot")]
    [InlineData("S0")]
    [InlineData("VectorBits")]
    [InlineData("Targets")]
    [InlineData("@class")]
    public void Any_parameter_name_compiles(string name)
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Header + $$"""
            public static partial class K
            {
                [Stencil] static void M(Field<double> A, Field<double> B, double {{name}}, double dx) { A[Ix + 1, Iy] = {{name}} * (B[Ix + 2, Iy] - B[Ix, Iy]) / dx; }
                [Stencil] static void F(Field<double> A, Field<double> {{name}}) { Inn(A) = D2Xi({{name}}) + Inn({{name}}); }
            }
            """);
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
        sources.Select(s => s.HintName).Where(h => h.StartsWith("K.")).ShouldBe(["K.F.g.cs", "K.FJvp.g.cs", "K.FVjp.g.cs", "K.M.g.cs", "K.MJvp.g.cs", "K.MVjp.g.cs"], ignoreOrder: true);
    }

    [Fact]
    public void Four_index_write_is_reported_and_every_other_kernel_keeps_its_launchers()
    {
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(Header + """
            public static partial class K
            {
                [Stencil] static void Broken(Field<double> A, Field<double> B) { A[Ix, Iy, Iz, 0] = FiniteDifferences3D.Inn(B); }
                [Stencil] static void Fine(Field<double> A, Field<double> B) { Inn(A) = D2Xi(B); }
            }
            public static class Caller
            {
                public static void Use(Backend b, Field<double> A, Field<double> B) { K.Fine(b, A, B); K.FineVjp(b, A.With(B), B.With(A)); }
            }
            """);
        diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STENCIL018");
        sources.Select(s => s.HintName).Where(h => h.StartsWith("K.")).ShouldBe(["K.Fine.g.cs", "K.FineJvp.g.cs", "K.FineVjp.g.cs"], ignoreOrder: true);
        // The compiler's only complaints are about the broken kernel's own C# (four indices).
        compiler.ShouldAllBe(d => d.Location.SourceTree != null && d.Location.SourceTree.GetText(default).Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Contains("Broken"));
    }

    [Fact]
    public void A_failing_stage_becomes_an_internal_error_on_its_kernel()
    {
        var kernel = new KernelSpec(null, new[] { new ContainingType("class", "K") }.ToEquatableArray(), "M", 2,
            NumberType.Double, default, default, default, Differentiable: false);
        var file = Stencil.Generators.Stage.File(kernel, "K.M.g.cs", () => throw new IndexOutOfRangeException("Index was outside the bounds of the array."), default);
        file.Source.ShouldBeNull();
        var diagnostic = file.Failure.ShouldNotBeNull().ToDiagnostic();
        diagnostic.Id.ShouldBe("STENCIL999");
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        diagnostic.GetMessage().ShouldContain("kernel 'K.M' (IndexOutOfRangeException: Index was outside the bounds of the array.)");
        diagnostic.GetMessage().ShouldContain("its other kernels are generated");
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

    [Theory]
    [InlineData("if (Ix <= V.Nx - 3) R[Ix + 1] = -V[Ix + 1];", "every x index of this statement is Ix + 1 or more, so it also runs at Ix = -1", "writes R at x = 0", "if (Ix >= 0)")]
    [InlineData("if (Ix < V.Nx - 3) R[Ix + 2] = V[Ix + 1] + V[Ix + 3];", "every x index of this statement is Ix + 1 or more", "writes R at x = 1", "lowering every x offset by 1")]
    [InlineData("if (Ix >= 2) R[Ix - 1] = V[Ix - 1];", "every x index of this statement is Ix - 1 or less, so it also runs at Ix = Nx - 1 + 1", "writes R at x = Nx - 1 + 0", "if (Ix <= R.Nx - 1)")]
    public void Index_form_statement_that_runs_outside_the_grid_gets_a_warning_and_is_generated(string statement, string says, string writes, string fix)
    {
        var source = Header + $"public static partial class K {{ [Stencil] static void M(Field<double> R, Field<double> V) {{ {statement} }} }}";
        var (diagnostics, sources, compiler) = GeneratorHarness.Run(source);
        var diagnostic = diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("STENCIL019");
        diagnostic.Severity.ShouldBe(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length).ShouldContain("R[Ix");
        diagnostic.GetMessage().ShouldContain(says);
        diagnostic.GetMessage().ShouldContain(writes);
        diagnostic.GetMessage().ShouldContain(fix);
        compiler.ShouldBeEmpty();
        sources.ShouldContain(s => s.HintName == "K.M.g.cs");
    }

    [Theory]
    [InlineData("R[Ix + 1] = V[Ix] - V[Ix + 2];")]          // Ix starts at 0: the lowest offset is 0
    [InlineData("if (Ix >= 0) R[Ix + 1] = -V[Ix + 1];")]    // the condition says where it starts
    [InlineData("if (Ix >= 1 && Ix <= V.Nx - 2) R[Ix] = -V[Ix];")]
    [InlineData("if (Ix == 0) R[Ix + 1] = V[Ix + 1];")]
    [InlineData("Inn(R) = Inn(V);")]                        // the operator form: the selection decides
    [InlineData("R[Ix] = V[Ix + 1];")]
    [InlineData("R[Ix + 1] = -V[Ix + 1];")]                 // no bound on x: every point where the elements exist, plainly
    [InlineData("if (Ix <= V.Nx - 3 && Ix >= -1) R[Ix + 1] = -V[Ix + 1];")]
    public void Index_form_statement_within_the_grid_gets_no_warning(string statement)
    {
        var source = Header + $"public static partial class K {{ [Stencil] static void M(Field<double> R, Field<double> V) {{ {statement} }} }}";
        var (diagnostics, _, compiler) = GeneratorHarness.Run(source.Replace("FiniteDifferences2D", "FiniteDifferences1D"));
        diagnostics.ShouldBeEmpty();
        compiler.ShouldBeEmpty();
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
        var rules = Rules();
        var tested = Cases.Select(row => (string)row[0]).Append("STENCIL014").Append("STENCIL016").Append("STENCIL017").Append("STENCIL019").Append("STENCIL999").ToHashSet();
        rules.ShouldNotBeEmpty();
        rules.ShouldAllBe(r => tested.Contains(r));
    }

    /// <summary>The rule ids of the generator's release file.</summary>
    internal static List<string> Rules() => File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Stencil.Generators", "AnalyzerReleases.Unshipped.md"))
        .Where(l => l.StartsWith("STENCIL")).Select(l => l.Split('|')[0].Trim()).ToList();

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
