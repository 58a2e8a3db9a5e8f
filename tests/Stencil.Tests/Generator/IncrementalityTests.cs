using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stencil.Generators;

namespace Stencil.Tests.Generator;

/// <summary>An edit that does not touch a kernel must leave the generator's steps cached (the IDE stays fast).</summary>
public sealed class IncrementalityTests
{
    private const string Kernel = """
        using Stencil;
        using static Stencil.FiniteDifferences2D;
        public static partial class K
        {
            [Stencil] static void Step(Field<double> B, Field<double> A, double s) { Inn(B) = Inn(A) + s * (D2Xi(A) + D2Yi(A)); }
        }
        """;

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(true, Kernel, "public static class Other { public static int F() => 1; }");
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var other = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("public static class Other { public static int F() => 2; }")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { StepNames.Parse, StepNames.Model })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            outputs.ShouldNotBeEmpty(step);
            outputs.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged, step);
        }
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Edit_of_the_kernel_body_regenerates_it()
    {
        var compilation = GeneratorHarness.Compilation(true, Kernel);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Kernel.Replace("s * (", "2 * s * ("), (CSharpParseOptions)tree.Options, tree.FilePath));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        result.TrackedSteps[StepNames.Model].SelectMany(s => s.Outputs).ShouldContain(o => o.Reason == IncrementalStepRunReason.Modified);
        result.GeneratedSources.Single(s => s.HintName == "K.Step.g.cs").SourceText.ToString().ShouldContain("2 * s *");
    }
}
