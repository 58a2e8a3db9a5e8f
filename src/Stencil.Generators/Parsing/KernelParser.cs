using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>The parser's answer for one method: a model when the method is valid, and its diagnostics.</summary>
internal sealed record KernelResult(KernelSpec? Kernel, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Turns a [Stencil] method (syntax plus semantic model) into a <see cref="KernelSpec"/>, or into
/// diagnostics that point at the offending code. Never throws on user code.
/// </summary>
internal static class KernelParser
{
    public static KernelResult Parse(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = method.Identifier.GetLocation();

        var containing = CheckSignature(method, symbol, location, diagnostics);
        var parameters = ParseParameters(symbol, diagnostics);
        if (diagnostics.Count > 0 || containing is null || parameters is null)
            return new KernelResult(null, diagnostics.ToEquatableArray());

        if (model.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: false })
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsafeDisabled, location, symbol.Name));

        var settings = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == "Stencil.StencilAttribute")
            .SelectMany(a => a.NamedArguments)
            .ToList();
        bool multiplyByReciprocals = settings.Any(n => n.Key == "MultiplyByReciprocals" && n.Value.Value is true);
        bool exactExtents = !settings.Any(n => n.Key == "ExactExtents" && n.Value.Value is false);
        var body = new BodyParser(model, parameters.Value.Parameters, parameters.Value.Element, diagnostics, cancellationToken, multiplyByReciprocals);
        if (method.Body is not null) body.ParseStatement(method.Body);
        else if (method.ExpressionBody is not null) body.ParseExpressionStatement(method.ExpressionBody.Expression);

        foreach (var use in body.IndexUses.Where(u => u.Axis >= body.Rank && body.Rank > 0))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MixedDimensions, use.Location, "I" + "xyz"[use.Axis], (use.Axis + 1).ToString(), body.Rank.ToString()));

        if (diagnostics.Count == 0 && body.Assignments.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoWrites, location, symbol.Name));
        else if (diagnostics.Count == 0)
            HazardCheck.Run(body.Assignments, body.LocalsByName, body.ReadLocations, body.WriteLocations, diagnostics);

        if (diagnostics.Count > 0)
            return new KernelResult(null, diagnostics.ToEquatableArray());

        // A suggestion, where divisions would bound the CPU loop (VectorWidths.DivisionBound).
        if (!multiplyByReciprocals && body.UniformDivisions.Count >= Emit.VectorWidths.DivisionBound)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DividesByUniformValues, body.UniformDivisions[0].Location,
                symbol.Name, body.UniformDivisions.Count.ToString(), body.UniformDivisions[0].Divisor));

        bool differentiable = ChainCheck.Run(body.Assignments, body.LocalsByName, body.ReadLocations, symbol.Name, diagnostics);
        RangeCheck.Run(body.Assignments, body.LocalsByName, body.Rank, symbol.Name, diagnostics);

        var kernel = new KernelSpec(
            symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
            containing.ToEquatableArray(),
            symbol.Name,
            body.Rank,
            parameters.Value.Element,
            parameters.Value.Parameters.ToEquatableArray(),
            body.Locals.ToEquatableArray(),
            body.Assignments.Select(a => a.Assignment).ToEquatableArray(),
            differentiable,
            exactExtents);
        return new KernelResult(kernel, diagnostics.ToEquatableArray());
    }

    private static List<ContainingType>? CheckSignature(MethodDeclarationSyntax method, IMethodSymbol symbol, Location location, List<DiagnosticInfo> diagnostics)
    {
        void Fail(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKernelMethod, location, symbol.Name, why));

        if (!symbol.IsStatic) Fail("must be static: a stencil has no instance state");
        if (!symbol.ReturnsVoid) Fail("must return void: a stencil writes its results into fields");
        if (symbol.IsGenericMethod) Fail("must not be generic: write it for Field<double> or Field<float>");
        if (method.Body is null && method.ExpressionBody is null) Fail("must have a body");
        else if (method.ContainsDiagnostics && method.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            Fail("has C# syntax errors: its launchers are generated once the compiler's errors in it are fixed");
        var first = symbol.ContainingType?.GetMembers(symbol.Name).OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Stencil.StencilAttribute"))
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .FirstOrDefault();
        if (first is not null && !SymbolEqualityComparer.Default.Equals(first, symbol))
            Fail($"overloads another [Stencil] method of the same name: give each kernel its own name");

        var types = new List<ContainingType>();
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            var syntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (syntax is null || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Fail($"must be declared in a partial type: add 'partial' to '{type.Name}' so the generator can add the launcher");
                return null;
            }
            if (type.IsGenericType)
            {
                Fail($"must not be in a generic type ('{type.Name}')");
                return null;
            }
            string keyword = syntax switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingType(keyword, type.Name));
        }
        return diagnostics.Count == 0 ? types : null;
    }

    private static (List<ParameterSpec> Parameters, NumberType Element)? ParseParameters(IMethodSymbol symbol, List<DiagnosticInfo> diagnostics)
    {
        var parameters = new List<ParameterSpec>();
        NumberType? element = null;
        string? firstField = null;
        bool ok = true;
        foreach (var p in symbol.Parameters)
        {
            var loc = p.Locations.FirstOrDefault() ?? Location.None;
            if (p.RefKind != RefKind.None || p.IsParams)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameter, loc, p.Name, p.ToDisplayString()));
                ok = false;
                continue;
            }
            if (p.Type is INamedTypeSymbol { Name: "Field", TypeArguments.Length: 1 } named
                && named.ContainingNamespace.ToDisplayString() == "Stencil"
                && TypeOf(named.TypeArguments[0]) is NumberType t and (NumberType.Double or NumberType.Float))
            {
                if (element is null)
                {
                    element = t;
                    firstField = p.Name;
                }
                else if (element != t)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MixedPrecision, loc, p.Name, Keyword(t), Keyword(element.Value)));
                    ok = false;
                }
                parameters.Add(new ParameterSpec(p.Name, ParameterKind.Field, t));
            }
            else if (TypeOf(p.Type) is NumberType s and not NumberType.Bool)
            {
                parameters.Add(new ParameterSpec(p.Name, ParameterKind.Scalar, s));
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameter, loc, p.Name, p.Type.ToDisplayString()));
                ok = false;
            }
        }
        if (element is null && ok)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKernelMethod, symbol.Locations.FirstOrDefault() ?? Location.None,
                symbol.Name, "must take at least one Field<double> or Field<float> parameter to write to"));
            return null;
        }
        return ok ? (parameters, element!.Value) : null;
    }

    internal static NumberType? TypeOf(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => NumberType.Double,
        SpecialType.System_Single => NumberType.Float,
        SpecialType.System_Int32 => NumberType.Int,
        SpecialType.System_Boolean => NumberType.Bool,
        _ => null,
    };

    private static string Keyword(NumberType t) => t == NumberType.Float ? "float" : "double";
}
