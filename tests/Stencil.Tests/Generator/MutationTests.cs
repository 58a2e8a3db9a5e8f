using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace Stencil.Tests.Generator;

/// <summary>
/// Property: no input crashes the generator. Valid kernels of the repository are mutated at random
/// (tokens deleted, repeated, swapped or inserted; indices added; types and names changed; stray
/// statements; whole parts deleted) and compiled beside an untouched kernel. For every mutant: the
/// generator throws nothing and reports no internal error; a [Stencil] method it does not generate
/// gets a STENCIL error; an accepted kernel of valid C# gets generated code that compiles; and the
/// untouched kernel always keeps its launchers.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    /// <summary>Fixed under CI, so that a landing never depends on luck; new mutants in local runs, which explore.</summary>
    private static int Seed => Environment.GetEnvironmentVariable("CI") == "true" ? 20261207 : Environment.TickCount;

    private const int Mutants = 300;

    private const string Control = """
        using Stencil;
        using static Stencil.FiniteDifferences2D;
        public static partial class Control
        {
            [Stencil] static void Step(Field<double> B, Field<double> A, double s) { Inn(B) = Inn(A) + s * (D2Xi(A) + D2Yi(A)); }
        }
        """;

    private static readonly string[] Insertions =
    [
        ",", ";", "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "=", "==", "<", "!", "?", ":", ".", "Ix", "Iy", "Iz", "0", "1", "-1", "2.5", "1e300", "1f",
        "A", "B", "s", "x0", "null", "true", "\"s\"", "var", "int", "double", "Field<double>", "new", "ref", "out", "this", "default",
        "All(A)", "Inn(A)", "DXa(A)", "D2Xi(A)", "Math.Sqrt(", "Math.Pow(", "MathF.Abs(", "Math.Clamp(", "A.Nx", "A.Nz", "nameof(A)",
    ];

    private static readonly string[] Statements =
    [
        "return;", "for (int i = 0; i < 2; i++) { }", "var q = A;", "Console.WriteLine(1);", "throw null;", "A = null;", "unsafe { }",
        "lock (typeof(int)) { }", "int Ix = 0;", "var z = 1.0; z += 2;", "FiniteDifferences2D.All(A) = 1.0;", "FiniteDifferences3D.Inn(A) = FiniteDifferences3D.D2Xi(A);",
        "A[Indices.Ix] = 1.0;", "A[Indices.Ix, Indices.Iy, Indices.Iz, 0] = 1.0;", "A[] = 1.0;", "if (Indices.Ix == 0) { }", "{ }", ";", "goto L; L: ;",
        "var t = Indices.Ix > 0 ? 1.0 : 2.0;", "double w; w = 1.0;", "x0 = 2;",
    ];

    private static readonly string[] Types = ["double", "float", "int", "long", "bool", "string", "Field<double>", "Field<float>", "Field<int>", "object", "ref double", "params double[]"];

    /// <summary>Names a user might choose that the generated code also uses, or builds from the user's names.</summary>
    private static readonly string[] Names =
    [
        "x0", "sum", "row", "s0", "u0", "w1", "backend", "kernel", "args", "cpu", "gpu", "all", "index", "ix", "iy", "begin", "end", "steps", "Step0", "step1",
        "targets", "fused", "extent", "Flush", "A_nx", "A_bar", "B_dot", "S0", "VectorBits", "Targets", "All", "BlockHeight", "Instance", "Rent", "Run", "value", "Value",
        "Ix", "Math", "Stencil", "global", "@class", "result", "i", "p", "point", "rowIn0", "laneMask1",
    ];

    [Fact]
    public void Mutated_kernels_never_crash_the_generator_and_every_refusal_is_explained()
    {
        var seeds = SeedKernels();
        seeds.Count.ShouldBeGreaterThan(15);
        foreach (var seed in seeds)
        {
            var (_, sources, errors) = Check(seed, "the unmutated seed");
            sources.ShouldContain(s => s.HintName == "Mut.M.g.cs", seed);
            errors.ShouldBeEmpty(seed);
        }

        int seedValue = Seed;
        var random = new Random(seedValue);
        var found = new Dictionary<string, int>();
        int accepted = 0;
        for (int m = 0; m < Mutants; m++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            string mutant = seed;
            int mutations = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
            for (int k = 0; k < mutations; k++) mutant = Mutate(mutant, random);
            var (diagnostics, sources, _) = Check(mutant, $"mutant {m} of seed {seedValue}");
            if (sources.Any(s => s.HintName == "Mut.M.g.cs")) accepted++;
            foreach (var id in diagnostics.Select(d => d.Id).Where(id => id.StartsWith("STENCIL", StringComparison.Ordinal)).Distinct())
                found[id] = found.GetValueOrDefault(id) + 1;
        }
        string summary = $"seed {seedValue}: {Mutants} mutants, {accepted} generated; mutants per diagnostic: "
            + string.Join(", ", found.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
        output.WriteLine(summary);
        // The mutants reach the checks: most rules are met, and some mutants are accepted.
        found.Keys.Count.ShouldBeGreaterThan(8, summary);
        accepted.ShouldBeGreaterThan(Mutants / 20, summary);
    }

    /// <summary>Runs the generator on the kernel file and the control; asserts the properties; returns the generator's diagnostics, sources and the errors of the generated code.</summary>
    private static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<GeneratedSourceResult> Sources, List<Diagnostic> GeneratedErrors) Check(string source, string what)
    {
        var compilation = GeneratorHarness.Compilation(true, source, Control);
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        string context = $"{what}:\n{source}\n";

        result.Exception.ShouldBeNull(context);
        result.Diagnostics.ShouldNotContain(d => d.Id == "STENCIL999", context + string.Join("\n", result.Diagnostics));
        result.GeneratedSources.ShouldContain(s => s.HintName == "Control.Step.g.cs", context);
        result.GeneratedSources.ShouldContain(s => s.HintName == "Control.StepVjp.g.cs", context);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var generatedErrors = errors.Where(d => d.Location.SourceTree is { } tree && !compilation.SyntaxTrees.Contains(tree)).ToList();
        bool userCodeCompiles = !errors.Any(d => d.Location.SourceTree == compilation.SyntaxTrees[0] || d.Location == Location.None);

        var tree0 = compilation.SyntaxTrees[0];
        var model = compilation.GetSemanticModel(tree0);
        foreach (var method in tree0.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(method) is not { } symbol
                || !symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Stencil.StencilAttribute"))
                continue;
            string hint = $"{string.Join(".", ContainingTypes(symbol))}.{symbol.Name}.g.cs";
            bool generated = result.GeneratedSources.Any(s => s.HintName == hint);
            if (!generated)
                result.Diagnostics.ShouldContain(d => d.Id.StartsWith("STENCIL", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error,
                    context + "was not generated and got no STENCIL error");
        }
        if (userCodeCompiles)
            generatedErrors.ShouldBeEmpty(context + "is valid C#, but its generated code does not compile:\n" + string.Join("\n", generatedErrors.Take(5)));
        result.Diagnostics.Where(d => d.Id.StartsWith("STENCIL", StringComparison.Ordinal))
            .ShouldAllBe(d => d.Location.SourceTree == tree0, context + "a STENCIL diagnostic is not located in the kernel's file");
        return (result.Diagnostics, result.GeneratedSources, generatedErrors);
    }

    private static IEnumerable<string> ContainingTypes(ISymbol symbol)
    {
        var names = new List<string>();
        for (var t = symbol.ContainingType; t is not null; t = t.ContainingType) names.Insert(0, t.Name);
        if (symbol.ContainingNamespace is { IsGlobalNamespace: false } ns) names.Insert(0, ns.ToDisplayString());
        return names;
    }

    /// <summary>Every [Stencil] method of the repository's example and test kernels, alone in a class Mut with its file's usings, renamed M.</summary>
    private static List<string> SeedKernels()
    {
        string root = DiagnosticTests.RepositoryRoot();
        var files = new[]
        {
            Path.Combine(root, "examples", "Geothermal2D", "Darcy.cs"),
            Path.Combine(root, "examples", "Diffusion3D", "Heat.cs"),
            Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Samples.cs"),
            Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Nonlinear.cs"),
            Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Stokes.cs"),
            Path.Combine(root, "tests", "Stencil.Tests", "Kernels", "Relaxation.cs"),
            Path.Combine(root, "tests", "Stencil.Benchmarks", "Kernels.cs"),
        };
        var seeds = new List<string>();
        foreach (var file in files)
        {
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            string usings = "using System;\nusing Stencil;\n" + string.Concat(unit.Usings.Select(u => u.ToFullString()));
            foreach (var method in unit.DescendantNodes().OfType<MethodDeclarationSyntax>()
                         .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().StartsWith("Stencil", StringComparison.Ordinal))))
            {
                var renamed = method.WithIdentifier(SyntaxFactory.Identifier("M")).WithoutLeadingTrivia();
                seeds.Add($"{usings}\npublic static partial class Mut\n{{\n    {renamed.ToFullString()}\n}}\n");
            }
        }
        return seeds;
    }

    private static string Mutate(string source, Random random)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
        // Mutate inside the kernel only (after "class Mut"), so that the usings stay.
        int first = tokens.FindIndex(t => t.Text == "Mut") + 2;
        if (first < 2 || first >= tokens.Count) return source;
        int Pick() => first + random.Next(tokens.Count - first);
        var text = tokens.Select(t => t.ToFullString()).ToList();

        int Find(Func<SyntaxToken, bool> match)
        {
            var at = Enumerable.Range(first, tokens.Count - first).Where(i => match(tokens[i])).ToList();
            return at.Count == 0 ? -1 : at[random.Next(at.Count)];
        }

        // Token edits (0-3, 8) mostly break the syntax; the others keep it, and reach the parser's and emitters' checks.
        switch (random.Next(16) is int r && r >= 10 ? new[] { 4, 5, 6, 7, 9, 6 }[r - 10] : r)
        {
            case 0:
                text[Pick()] = " ";
                break;
            case 1:
            {
                int i = Pick();
                text[i] += text[i];
                break;
            }
            case 2:
            {
                int i = Pick();
                if (i + 1 < text.Count) (text[i], text[i + 1]) = (text[i + 1], text[i]);
                break;
            }
            case 3:
                text[Pick()] += " " + Insertions[random.Next(Insertions.Length)] + " ";
                break;
            case 4:
            {
                int i = Find(t => t.IsKind(SyntaxKind.CloseBracketToken));
                if (i >= 0) text[i] = new[] { ", 0]", ", Iz]", ", Ix + 1]", ", Indices.Iy, Indices.Iz, 0]", "]]" }[random.Next(5)];
                break;
            }
            case 5:
            {
                int i = Find(t => t.IsKind(SyntaxKind.DoubleKeyword) || t.IsKind(SyntaxKind.FloatKeyword) || t.Text == "Field");
                if (i >= 0 && tokens[i].Text == "Field" && i + 3 < text.Count) { text[i + 1] = text[i + 2] = text[i + 3] = ""; }
                if (i >= 0) text[i] = " " + Types[random.Next(Types.Length)] + " ";
                break;
            }
            case 6:
            {
                // Rename a parameter or a local everywhere.
                var names = tokens.Skip(first).Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Text != "M").Select(t => t.Text).Distinct().ToList();
                if (names.Count == 0) break;
                string from = names[random.Next(names.Count)], to = Names[random.Next(Names.Length)];
                for (int i = first; i < tokens.Count; i++) if (tokens[i].Text == from) text[i] = text[i].Replace(from, to);
                break;
            }
            case 7:
            {
                int i = Find(t => t.IsKind(SyntaxKind.SemicolonToken) || t.IsKind(SyntaxKind.OpenBraceToken));
                if (i >= 0) text[i] += " " + Statements[random.Next(Statements.Length)] + " ";
                break;
            }
            case 8:
            {
                int i = Pick(), n = 1 + random.Next(8);
                for (int k = i; k < Math.Min(text.Count, i + n); k++) text[k] = " ";
                break;
            }
            default:
            {
                // Replace a number, an operator or an index by another of its kind.
                int i = Find(t => t.IsKind(SyntaxKind.NumericLiteralToken) || t.Text is "Ix" or "Iy" or "Iz" or "+" or "-" or "*" or "/");
                if (i >= 0) text[i] = " " + new[] { "Iz", "Ix", "-2", "0", "1.5", "/", "%", "<<", "&", "Iy", "int.MaxValue", "1e-320", "double.NaN" }[random.Next(13)] + " ";
                break;
            }
        }
        return string.Concat(text);
    }
}
