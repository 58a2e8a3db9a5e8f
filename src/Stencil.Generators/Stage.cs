using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Model;

namespace Stencil.Generators;

/// <summary>A generated file, or the internal error that prevented it.</summary>
internal sealed record GeneratedFile(string HintName, string? Source, DiagnosticInfo? Failure);

/// <summary>
/// Runs one stage of the pipeline for one kernel and turns an exception into a diagnostic on that
/// kernel, so that one failing kernel never takes the launchers of the others down with it.
/// </summary>
internal static class Stage
{
    public static T Run<T>(Func<T> stage, Func<Exception, T> onFailure, CancellationToken cancellationToken)
    {
        try
        {
            return stage();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return onFailure(e);
        }
    }

    /// <summary>Generates one file of <paramref name="kernel"/>; a failure becomes an internal-error diagnostic naming the kernel.</summary>
    public static GeneratedFile File(KernelSpec kernel, string hintName, Func<string> emit, CancellationToken cancellationToken)
        => Run(() => new GeneratedFile(hintName, emit(), null),
               e => new GeneratedFile(hintName, null, InternalError(kernel.QualifiedName, Location.None, e)),
               cancellationToken);

    public static DiagnosticInfo InternalError(string kernel, Location location, Exception e)
        => DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, kernel, $"{e.GetType().Name}: {e.Message}");

    public static void Output(SourceProductionContext context, GeneratedFile file)
    {
        if (file.Failure is not null) context.ReportDiagnostic(file.Failure.ToDiagnostic());
        else context.AddSource(file.HintName, file.Source!);
    }
}
