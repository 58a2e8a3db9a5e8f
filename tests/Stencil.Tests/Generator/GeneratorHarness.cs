using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stencil.Generators;

namespace Stencil.Tests.Generator;

/// <summary>Runs the Stencil generator in-process over source text, as the compiler would.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public static CSharpCompilation Compilation(bool allowUnsafe, params string[] sources) => CSharpCompilation.Create(
        "UserKernels",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Kernel{i}.cs")),
        s_references.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new StencilGenerator().AsSourceGenerator()],
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generator's diagnostics, its sources, and the compiler's errors on the result.</summary>
    public static (ImmutableArray<Diagnostic> Generator, ImmutableArray<GeneratedSourceResult> Sources, ImmutableArray<Diagnostic> Compiler) Run(string source, bool allowUnsafe = true)
        => Run(allowUnsafe, source);

    /// <inheritdoc cref="Run(string, bool)"/>
    public static (ImmutableArray<Diagnostic> Generator, ImmutableArray<GeneratedSourceResult> Sources, ImmutableArray<Diagnostic> Compiler) Run(bool allowUnsafe, params string[] sources)
    {
        var compilation = Compilation(allowUnsafe, sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        var compilerErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return (result.Diagnostics, result.GeneratedSources, compilerErrors);
    }
}
