using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The ILGPU kernel: one thread per point of the launch box, x fastest so that neighbouring
/// threads touch neighbouring addresses; each statement is guarded by its own box. Views and
/// extents travel in one struct (ILGPU kernels take few parameters). Kernels are explicitly
/// grouped: the backend chooses the thread groups per kernel (<c>LaunchShape</c>), and threads
/// past the box's end return at once.
/// </summary>
internal static class IlgpuKernelEmitter
{
    public static void Emit(SourceWriter w, KernelSpec kernel, IReadOnlyCollection<int> fused)
    {
        string name = kernel.Name;
        EmitArgs(w, kernel, name + "Args", withAdjoints: false, fused);
        // The kernels that take steps are methods of their own, so that the plain ones stay as they were.
        var variants = new[] { (Wide: true, Steps: false), (Wide: false, Steps: false) }
            .Concat(fused.Count > 0 ? new[] { (Wide: true, Steps: true), (Wide: false, Steps: true) } : new (bool Wide, bool Steps)[0]);
        foreach (var (wide, steps) in variants)
        {
            w.Line();
            OpenKernel(w, kernel, Method(steps ? name + "Steps" : name, wide), name + "Args", withAdjoints: false);
            var writer = new IlgpuExpressionWriter(kernel.Rank, wide);
            string point = string.Join(", ", Enumerable.Range(0, kernel.Rank).Select(a => "i" + "xyz"[a]));
            writer.EmitWithIndices(w, body =>
            {
                for (int s = 0; s < kernel.Assignments.Count; s++)
                {
                    var assignment = kernel.Assignments[s];
                    body.Open($"if (args.S{s}.Contains({point}))");
                    writer.LoadOnce(body, KernelEmitter.Bindings(kernel, assignment).Select(b => b.Value).Append(assignment.Guard ?? assignment.Value));
                    KernelEmitter.EmitPointWork(body, kernel, assignment, writer);
                    if (steps && fused.Contains(s)) EmitStep(body, writer, kernel.ElementKeyword, s, assignment.Target);
                    writer.ForgetLoads();
                    body.Close();
                }
            });
            w.Close();
        }
    }

    /// <summary>
    /// The state's pseudo-time step at the point just written, in the kernels that take steps, when
    /// the solver passed one for this statement (<c>StepView</c>): the operations of the field operations' kernels (<c>Axpy</c>,
    /// <c>SubtractProduct</c>), on the value just stored.
    /// </summary>
    private static void EmitStep(SourceWriter w, IlgpuExpressionWriter writer, string element, int statement, Access target)
    {
        string step = "step" + statement, written = writer.Location(target);
        string state = writer.PartnerLocation(step + ".State", target), steps = writer.PartnerLocation(step + ".Steps", target);
        w.Line($"var {step} = args.Step{statement};");
        w.Line($"if ({step}.Kind == StencilServices::StepView<{element}>.ScalarStep) {state} += {step}.Scalar * {written};");
        w.Line($"else if ({step}.Kind == StencilServices::StepView<{element}>.LocalSteps) {state} -= {steps} * {written};");
    }

    /// <summary>The kernel method with 64-bit indices (<paramref name="wide"/>) or with 32-bit ones.</summary>
    public static string Method(string name, bool wide) => name + (wide ? "Ilgpu" : "Index32Ilgpu");

    /// <summary>
    /// The kernel method a launch takes: with 32-bit indices where every field allows them
    /// (<c>Launch.Index32</c>), else with 64-bit ones.
    /// </summary>
    public static string Choice(KernelSpec kernel, string name, string fields)
        => $"StencilServices::Launch.Index32<{kernel.ElementKeyword}>(backend, {fields}) ? {Method(name, wide: false)} : {Method(name, wide: true)}";

    /// <summary>The same choice among the kernels that take steps (<c>ResidualStepsIlgpu</c>, ...) when the launch has steps, else among the plain ones.</summary>
    public static string Choice(KernelSpec kernel, string name, string fields, bool fused)
        => fused ? $"steps is null ? ({Choice(kernel, name, fields)}) : ({Choice(kernel, name + "Steps", fields)})" : Choice(kernel, name, fields);

    /// <summary>The argument struct: views (and adjoint views), extents, scalars, statement boxes.</summary>
    public static void EmitArgs(SourceWriter w, KernelSpec kernel, string type, bool withAdjoints, IReadOnlyCollection<int>? fused = null)
    {
        string element = kernel.ElementKeyword;
        // Internal, not private: ILGPU builds its launchers in its dynamic assembly ILGPURuntime, which the generated InternalsVisibleTo lets in.
        w.Line(KernelEmitter.GeneratedCode);
        w.Open($"internal struct {type}");
        foreach (var field in KernelEmitter.Fields(kernel))
            w.Line(withAdjoints
                ? $"public global::ILGPU.ArrayView<{element}> {field.Name}, {field.Name}_bar; public int {field.Name}_nx, {field.Name}_ny, {field.Name}_nz;"
                : $"public global::ILGPU.ArrayView<{element}> {field.Name}; public int {field.Name}_nx, {field.Name}_ny, {field.Name}_nz;");
        foreach (var scalar in KernelEmitter.Scalars(kernel))
            w.Line($"public {ExpressionWriter.Keyword(scalar.Type)} {scalar.Name};");
        w.Line($"public StencilServices::Box {string.Join(", ", Enumerable.Range(0, kernel.Assignments.Count).Select(s => "S" + s))}, All;");
        foreach (int s in fused ?? new int[0]) w.Line($"public StencilServices::StepView<{element}> Step{s};");
        w.Close();
    }

    /// <summary>Opens a kernel method: the point from the thread's global index (threads past the box return), then the arguments as locals.</summary>
    public static void OpenKernel(SourceWriter w, KernelSpec kernel, string method, string argsType, bool withAdjoints)
    {
        w.Open($"private static void {method}({argsType} args)");
        for (int axis = 0; axis < kernel.Rank; axis++)
            w.Line($"int i{"xyz"[axis]} = args.All.{"XYZ"[axis]}Lo + global::ILGPU.Grid.GlobalIndex.{"XYZ"[axis]};");
        w.Line($"if ({string.Join(" || ", Enumerable.Range(0, kernel.Rank).Select(a => $"i{"xyz"[a]} > args.All.{"XYZ"[a]}Hi"))}) return;");
        foreach (var field in KernelEmitter.Fields(kernel))
            w.Line(withAdjoints
                ? $"var {field.Name} = args.{field.Name}; var {field.Name}_bar = args.{field.Name}_bar; int {field.Name}_nx = args.{field.Name}_nx, {field.Name}_ny = args.{field.Name}_ny, {field.Name}_nz = args.{field.Name}_nz;"
                : $"var {field.Name} = args.{field.Name}; int {field.Name}_nx = args.{field.Name}_nx, {field.Name}_ny = args.{field.Name}_ny, {field.Name}_nz = args.{field.Name}_nz;");
        foreach (var scalar in KernelEmitter.Scalars(kernel))
            w.Line($"var {scalar.Name} = args.{scalar.Name};");
    }
}
