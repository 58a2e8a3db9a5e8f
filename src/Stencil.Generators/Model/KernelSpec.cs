namespace Stencil.Generators.Model;

/// <summary>How a parameter enters the kernel.</summary>
internal enum ParameterKind
{
    Field,
    Scalar,
}

/// <summary>A kernel parameter: a field (<c>Field&lt;T&gt;</c>) or a scalar (<c>double</c>, <c>float</c>, <c>int</c>).</summary>
internal sealed record ParameterSpec(string Name, ParameterKind Kind, NumberType Type);

/// <summary>
/// A condition on the iteration index that restricts a statement to a box, evaluated once per
/// launch: <c>Ix == 0</c>, <c>Iy &lt;= A.Ny - 2</c>. Relations: <c>==, &lt;=, &gt;=, &lt;, &gt;</c>.
/// </summary>
internal sealed record IndexBound(int Axis, string Relation, Expr Bound);

/// <summary>
/// One write: <c>Target = Value</c> at the points inside <see cref="Bounds"/> where <see cref="Guard"/>
/// (if any) holds. Operator form (<see cref="SelectionTarget"/>, e.g. <c>InnX(R) = ...</c>): the
/// written selection sets the points, as in ParallelStencil, and every read must reach all of them
/// (checked at launch). Index form (<c>R[Ix + 1] = ...</c>): the statement runs where every element
/// it touches exists, as the range of a <c>@parallel_indices</c> kernel.
/// </summary>
internal sealed record Assignment(Access Target, Expr Value, EquatableArray<IndexBound> Bounds, Expr? Guard, bool SelectionTarget);

/// <summary>
/// A local variable's value at one point of the body, in single-assignment form: each assignment
/// to a C# local makes a new binding (<c>k_0</c>, <c>k_1</c>, ...), and an <c>if</c> that assigns it
/// makes a conditional one. Bindings refer only to earlier bindings.
/// </summary>
internal sealed record LocalBinding(string Name, NumberType Type, Expr Value);

/// <summary>A type that contains the kernel method, outermost first (<c>class</c>, <c>struct</c>, <c>record</c>...).</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// The backend-neutral model of one [Stencil] method: what the differentiator and every emitter
/// read. It holds no Roslyn symbol or syntax, so it compares by value. <see cref="Differentiable"/>
/// is false for kernels with chains (a statement reading what an earlier one wrote); <see cref="ExactExtents"/>
/// is the attribute's setting: the launcher checks that operator-form reads fit their selections exactly.
/// </summary>
internal sealed record KernelSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    int Rank,
    NumberType Element,
    EquatableArray<ParameterSpec> Parameters,
    EquatableArray<LocalBinding> Locals,
    EquatableArray<Assignment> Assignments,
    bool Differentiable,
    bool ExactExtents = true)
{
    public string ElementKeyword => Element == NumberType.Float ? "float" : "double";

    public string QualifiedName => ContainingTypes.Count == 0 ? Name : $"{ContainingTypes[ContainingTypes.Count - 1].Name}.{Name}";

    /// <summary>The name as a C# identifier in generated code: <c>@class</c> for a method the user wrote as <c>@class</c>.</summary>
    public string Identifier => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(Name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? Name : "@" + Name;
}
