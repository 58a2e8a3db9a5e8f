using System.ComponentModel;
using System.Reflection;

namespace Stencil.Tests;

/// <summary>
/// What a user of the packages sees: the public types of the DSL and the runtime in the <c>Stencil</c>
/// namespace, and those that exist for generated code in <c>Stencil.CompilerServices</c>, each with
/// <c>[EditorBrowsable(Never)]</c> so that IntelliSense does not offer them.
/// </summary>
public sealed class PublicApiTests
{
    private static IEnumerable<Type> Exported(Assembly assembly, string ns) => assembly.GetExportedTypes().Where(t => t.Namespace == ns && !t.IsNested);

    private static bool Hidden(MemberInfo member) => member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    private static string[] Names(IEnumerable<Type> types) => types.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    private static readonly Assembly[] Packages = [typeof(Field<>).Assembly, typeof(Backends).Assembly];

    [Fact]
    public void The_Stencil_namespace_offers_the_user_facing_types_only()
    {
        Packages.SelectMany(a => Exported(a, "Stencil")).Where(Hidden).ShouldBeEmpty();
        Names(Packages.SelectMany(a => Exported(a, "Stencil"))).ShouldBe(
        [
            "AdjointSolver`1", "Backend", "Backends", "BoundKernel`1", "CpuBackend", "Derivatives", "DifferentiableKernel`1",
            "DotProductResult", "Duplicated`1", "FieldOps", "Field`1", "FiniteDifferences1D", "FiniteDifferences2D", "FiniteDifferences3D",
            "GradientDescent", "GridFunctions", "IGlobalGrid", "IGlobalReduction", "IGradientAfterCost", "IObjective", "IPreconditioner", "IStatefulObjective",
            "IlgpuBackend", "Indices", "InversionState", "Lbfgs", "LbfgsOptions", "OutputFolder", "ParameterScale", "PseudoStep`1", "PseudoTransientOptions",
            "PseudoTransientParameters", "PseudoTransientSolver", "Reduce", "RefusedInputException", "ResidualCheck", "SavedInversion", "SingleProcess",
            "SmoothingPreconditioner`1", "SolveResult", "SolveStart", "SolveStatistics", "SolverDivergedException", "SteadyProblem`1", "SteadyStateObjective", "StencilAttribute",
            "TaylorResult", "VtkImageData",
        ]);
    }

    [Fact]
    public void The_types_for_generated_code_are_in_the_compiler_services_namespace_and_hidden()
    {
        var types = Packages.SelectMany(a => Exported(a, "Stencil.CompilerServices")).ToList();
        Names(types).ShouldBe(["Box", "CpuField`1", "CpuKernel", "FusedStep", "FusedStep`1", "IlgpuField`1", "LaneShift", "Launch", "RowCursor", "StencilMath", "StepView`1"]);
        types.Where(t => !Hidden(t)).ShouldBeEmpty();
    }

    [Fact]
    public void The_backends_launch_methods_for_generated_code_are_hidden()
    {
        foreach (var backend in new[] { typeof(CpuBackend), typeof(IlgpuBackend) })
            Hidden(backend.GetMethod("Run")!).ShouldBeTrue(backend.Name);
    }

    [Fact]
    public void A_differentiable_kernel_shows_its_derivatives_and_hides_how_solvers_take_steps_inside_it()
    {
        var type = typeof(DifferentiableKernel<double>);
        foreach (var name in new[] { "StepStates", "WrittenBox", "GathersTakeSteps" })
            Hidden(type.GetMember(name).Single()).ShouldBeTrue(name);
        var flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        type.GetMethods(flags).Where(m => m.Name is "ForwardCore" or "AdjointCore" && m.GetParameters().Any(p => p.Name == "steps")).ShouldAllBe(m => Hidden(m));
        type.GetMethods(flags).Count(m => m.Name is "ForwardCore" or "AdjointCore" && m.GetParameters().Any(p => p.Name == "steps")).ShouldBe(2);
        foreach (var name in new[] { "Forward", "Tangent", "Adjoint", "Name", "Fields", "Written", "Inputs", "Scalars" })
            type.GetMember(name).Where(m => m is not MethodInfo { IsAssembly: true }).ShouldAllBe(m => !Hidden(m), name);
    }
}
