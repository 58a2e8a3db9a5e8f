using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Stencil.Tests.Generator;

/// <summary>
/// docs/diagnostics.md shows every rule with a wrong and a right kernel: the wrong one gets the
/// rule's diagnostic, the right one compiles without any, and no rule is missing from the page.
/// </summary>
public sealed class DiagnosticsPageTests
{
    private const string Usings = "using System;\nusing Stencil;\nusing static Stencil.FiniteDifferences2D;\nusing static Stencil.Indices;\n";

    private static string Page => File.ReadAllText(Path.Combine(DiagnosticTests.RepositoryRoot(), "docs", "diagnostics.md"));

    /// <summary>Each "### STENCILnnn" section's wrong and right C# blocks.</summary>
    public static TheoryData<string, string, string> Examples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (Match section in Regex.Matches(Page, @"^### (STENCIL\d{3})(.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            var blocks = Regex.Matches(section.Groups[2].Value, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
            if (blocks.Count == 2) data.Add(section.Groups[1].Value, blocks[0], blocks[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_wrong_kernel_gets_the_rule_and_the_right_one_compiles_clean(string id, string wrong, string right)
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Wrap(wrong));
        diagnostics.Select(d => d.Id).ShouldContain(id, wrong);

        var (clean, _, compiler) = GeneratorHarness.Run(Wrap(right));
        clean.ShouldBeEmpty(right);
        compiler.ShouldBeEmpty(right);
    }

    [Fact]
    public void Every_rule_has_a_section_and_every_section_with_examples_is_tested()
    {
        var rules = DiagnosticTests.Rules();
        var sections = Regex.Matches(Page, @"^### (STENCIL\d{3})", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        sections.ShouldBe([.. rules, .. BuildChecks()], ignoreOrder: true);
        // Rules without two examples: a project setting and the internal error.
        var withExamples = Examples().Select(row => (string)row[0]).ToList();
        rules.Except(withExamples).ShouldBe(["STENCIL014", "STENCIL999"], ignoreOrder: true);
    }

    /// <summary>The warning codes of the package's build checks.</summary>
    private static List<string> BuildChecks()
    {
        var targets = File.ReadAllText(Path.Combine(DiagnosticTests.RepositoryRoot(), "src", "Stencil.Dsl", "buildTransitive", "Stencil.Dsl.targets"));
        var codes = Regex.Matches(targets, "Code=\"(STENCIL\\d{3})\"").Select(m => m.Groups[1].Value).ToList();
        codes.ShouldNotBeEmpty();
        return codes;
    }

    private static string Wrap(string members) => Usings + "public static partial class K\n{\n" + members + "}\n";
}
