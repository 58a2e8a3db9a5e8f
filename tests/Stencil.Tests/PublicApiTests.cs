using System.ComponentModel;
using System.Reflection;

namespace Stencil.Tests;

/// <summary>
/// What a user of the packages sees in the <c>Stencil</c> namespace: the public types of the DSL and
/// the runtime, less those that exist for generated code, which carry
/// <c>[EditorBrowsable(Never)]</c> so that IntelliSense does not offer them.
/// </summary>
public sealed class PublicApiTests
{
    private static IEnumerable<Type> Exported(Assembly assembly) => assembly.GetExportedTypes().Where(t => t.Namespace == "Stencil" && !t.IsNested);

    private static bool Hidden(Type type) => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    private static string[] Names(IEnumerable<Type> types) => types.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    private static readonly Assembly[] Packages = [typeof(Field<>).Assembly, typeof(Backends).Assembly];

    [Fact]
    public void The_Stencil_namespace_offers_the_user_facing_types_only()
    {
        Names(Packages.SelectMany(Exported).Where(t => !Hidden(t))).ShouldBe(
        [
            "AdjointSolver`1", "Backend", "Backends", "BoundKernel`1", "CpuBackend", "Derivatives", "DifferentiableKernel`1",
            "DotProductResult", "Duplicated`1", "FieldOps", "Field`1", "FiniteDifferences1D", "FiniteDifferences2D", "FiniteDifferences3D",
            "GradientDescent", "IGlobalGrid", "IGlobalReduction", "IGradientAfterCost", "IObjective", "IPreconditioner", "IStatefulObjective",
            "IlgpuBackend", "Indices", "InversionState", "Lbfgs", "LbfgsOptions", "ParameterScale", "PseudoStep`1", "PseudoTransientOptions",
            "PseudoTransientParameters", "PseudoTransientSolver", "Reduce", "ResidualCheck", "SingleProcess", "SolveResult", "SolveStart",
            "SolverDivergedException", "SteadyProblem`1", "SteadyStateObjective", "StencilAttribute", "TaylorResult", "VtkImageData",
        ]);
    }

    [Fact]
    public void The_types_for_generated_code_are_public_but_hidden()
    {
        Names(Packages.SelectMany(Exported).Where(Hidden)).ShouldBe(
            ["Box", "CpuField`1", "CpuKernel", "FusedStep", "FusedStep`1", "IlgpuField`1", "LaneShift", "Launch", "RowCursor", "StencilMath", "StepView`1"]);
    }
}
