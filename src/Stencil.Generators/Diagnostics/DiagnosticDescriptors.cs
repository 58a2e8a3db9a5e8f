using Microsoft.CodeAnalysis;

namespace Stencil.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports. Each message says what to do instead.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Stencil";

    public static readonly DiagnosticDescriptor InvalidKernelMethod = Error("STENCIL001",
        "Invalid [Stencil] method",
        "[Stencil] method '{0}' {1}");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error("STENCIL002",
        "Unsupported stencil parameter",
        "Parameter '{0}' of type '{1}' is not supported in a stencil: use Field<double>, Field<float>, double, float or int, passed by value");

    public static readonly DiagnosticDescriptor MixedPrecision = Error("STENCIL003",
        "Fields of different precision",
        "Field '{0}' is Field<{1}> but the kernel's first field is Field<{2}>: a kernel computes in one precision, so make all its fields double or all float");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error("STENCIL004",
        "Unsupported statement in a stencil",
        "{0} is not allowed in a stencil body: a stencil describes the work at one point and the generator iterates over the grid; use assignments, local variables and if/else only");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error("STENCIL005",
        "Unsupported expression in a stencil",
        "'{0}' is not supported in a stencil: {1}");

    public static readonly DiagnosticDescriptor MixedDimensions = Error("STENCIL006",
        "Operators of different dimensions",
        "'{0}' is {1}D but this kernel is {2}D: use the operators of one FiniteDifferences{2}D class and index fields with {2} indices");

    public static readonly DiagnosticDescriptor InvalidWriteTarget = Error("STENCIL007",
        "Invalid write target",
        "Cannot assign to '{0}': write a field through a selection (All, Inn, InnX, ...), an index-form element such as A[Ix, Iy], or a local variable");

    public static readonly DiagnosticDescriptor WriteAtTwoOffsets = Error("STENCIL008",
        "Field written at two offsets",
        "Field '{0}' is written at offset {1} here and at offset {2} elsewhere in this kernel; parallel points would overwrite each other: write each field at one offset per kernel, or split the kernel");

    public static readonly DiagnosticDescriptor ReadOfWrittenFieldAtOtherOffset = Error("STENCIL009",
        "Field read at another offset than it is written",
        "Field '{0}' is read at offset {1} but written at offset {2} in this kernel, so a point could read a neighbour's new or old value depending on thread order: read another field (e.g. a copy from the previous iteration), or split the kernel");

    public static readonly DiagnosticDescriptor InvalidIndex = Error("STENCIL010",
        "Index is not a constant offset",
        "Index '{0}' must be {1} plus or minus an integer constant; for boundary points use a condition such as 'if ({1} == 0)' and offsets from {1}");

    public static readonly DiagnosticDescriptor ParameterAssigned = Error("STENCIL011",
        "Parameter assigned",
        "Parameter '{0}' is read-only in a stencil: write to a field element or a local variable instead");

    public static readonly DiagnosticDescriptor FieldUsedAsValue = Error("STENCIL012",
        "Field used as a value",
        "Field '{0}' is used as a value: read it through an operator (All({0}), DXa({0}), ...) or an element ({0}[Ix, Iy])");

    public static readonly DiagnosticDescriptor NoWrites = Warning("STENCIL013",
        "Stencil writes nothing",
        "[Stencil] method '{0}' writes no field, so its kernel would do nothing: assign to a field through All(...), Inn(...) or an element");

    public static readonly DiagnosticDescriptor UnsafeDisabled = Error("STENCIL014",
        "Unsafe code is disabled",
        "The CPU kernels generated for [Stencil] method '{0}' use pointers: add <AllowUnsafeBlocks>true</AllowUnsafeBlocks> to the project file");

    public static readonly DiagnosticDescriptor NotDifferentiable = Warning("STENCIL016",
        "Kernel has no reverse mode",
        "Kernel '{0}' reads field '{1}' after writing it, so no reverse-mode (Vjp) kernel is generated for it: compute the value in a local variable, or split the kernel in two");

    public static readonly DiagnosticDescriptor DividesByUniformValues = Info("STENCIL017",
        "Kernel divides by values that are the same at every point",
        "Kernel '{0}' divides by values that are the same at every point {1} times (first by '{2}'), and divisions take several times as long as multiplications: set [Stencil(MultiplyByReciprocals = true)] to multiply by reciprocals computed once per launch (each quotient then rounds differently, by about an ulp), or pass reciprocals such as _dx = 1 / dx as parameters");

    public static readonly DiagnosticDescriptor WrongIndexCount = Error("STENCIL018",
        "Wrong number of indices",
        "'{0}' has {1} indices: a field has 1, 2 or 3 axes, so index it with one index per axis (Ix; Ix, Iy; or Ix, Iy, Iz, each plus or minus a constant)");

    public static readonly DiagnosticDescriptor IndexLeavesGrid = Warning("STENCIL019",
        "Index-form statement runs outside the grid's index range",
        "In kernel '{0}' every {1} index of this statement is {2}, so it also runs at {3} (an index-form statement runs wherever every element it touches exists) and writes {4}: if that point is not meant, add the condition '{5}'; if it is, say so by {6}");

    public static readonly DiagnosticDescriptor InternalError = Error("STENCIL999",
        "Internal error in the Stencil generator",
        "The Stencil generator failed on kernel '{0}' ({1}); its other kernels are generated as usual. Please report this with the kernel's source; until it is fixed, rewriting the kernel's statements differently usually avoids it.");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static DiagnosticDescriptor Info(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true);
}
