using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Stencil.Tests.Generator;

/// <summary>The generator's output and diagnostics behave as a user of the compiler expects: culture-independent code, suppressible warnings.</summary>
public sealed class CompilerEnvironmentTests
{
    [Fact]
    public void Generated_code_is_the_same_under_a_culture_with_another_minus_sign_and_decimal_comma()
    {
        string root = DiagnosticTests.RepositoryRoot();
        var sources = new[]
            {
                Path.Combine(root, "examples", "Geothermal2D", "Darcy.cs"),
                Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Samples.cs"),
                Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Nonlinear.cs"),
            }
            .Select(file => "using System;\n" + File.ReadAllText(file))
            // Index form with negative offsets (R[Ix] = H[Ix] - H[Ix - 1]) and a constant with a fraction.
            .Append("using Stencil; using static Stencil.Indices; public static partial class Minus { [Stencil] static void M(Field<double> R, Field<double> H) { R[Ix] = H[Ix] - 0.5 * H[Ix - 1]; } }")
            .ToArray();

        // What fi-FI does (built here, as the test machine may run without culture data): minus U+2212, decimal comma.
        var fiFi = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        fiFi.NumberFormat.NegativeSign = "\u2212";
        fiFi.NumberFormat.NumberDecimalSeparator = ",";
        var invariant = RunUnder(CultureInfo.InvariantCulture, sources);
        var finnish = RunUnder(fiFi, sources);

        (-1).ToString(fiFi).ShouldBe("\u22121");
        finnish.Compiler.ShouldBeEmpty();
        finnish.Sources.Keys.ShouldBe(invariant.Sources.Keys, ignoreOrder: true);
        invariant.Sources["Minus.M.g.cs"].ShouldContain("-1");
        foreach (var (name, text) in invariant.Sources)
            finnish.Sources[name].ShouldBe(text, $"{name} differs under fi-FI");
    }

    private static (Dictionary<string, string> Sources, List<Diagnostic> Compiler) RunUnder(CultureInfo culture, string[] sources)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            var (_, generated, compiler) = GeneratorHarness.Run(true, sources);
            return (generated.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), compiler.ToList());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("#pragma warning disable STENCIL016\n", "\n#pragma warning restore STENCIL016", false)]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Stencil\", \"STENCIL016\")]\n", "", false)]
    [InlineData("", "", true)]
    public void Warnings_are_suppressed_as_the_compiler_s_own(string before, string after, bool reported)
    {
        string source = $$"""
            using Stencil;
            using static Stencil.FiniteDifferences2D;
            public static partial class K
            {
                {{before}}[Stencil] static void M(Field<double> A, Field<double> B, Field<double> C) { All(A) = All(C) * 2.0; All(B) = All(A) + 1.0; }{{after}}
            }
            """;
        var compilation = GeneratorHarness.Compilation(true, source);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        diagnostics.Any(d => d.Id == "STENCIL016" && !d.IsSuppressed).ShouldBe(reported);
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }
}
