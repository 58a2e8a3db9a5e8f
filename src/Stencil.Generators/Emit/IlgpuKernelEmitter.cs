using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The ILGPU kernel: one thread per point of the launch box, x fastest so that neighbouring
/// threads touch neighbouring addresses; each statement is guarded by its own box. Views and
/// extents travel in one struct (ILGPU kernels take few parameters).
/// </summary>
internal static class IlgpuKernelEmitter
{
    public static void Emit(SourceWriter w, KernelSpec kernel)
    {
        string element = kernel.ElementKeyword;
        string name = kernel.Name;
        string index = $"global::ILGPU.Index{kernel.Rank}D";
        var fields = KernelEmitter.Fields(kernel).ToList();
        var scalars = KernelEmitter.Scalars(kernel).ToList();

        w.Open($"public struct {name}Args");
        foreach (var field in fields)
            w.Line($"public global::ILGPU.ArrayView<{element}> {field.Name}; public int {field.Name}_nx, {field.Name}_ny, {field.Name}_nz;");
        foreach (var scalar in scalars)
            w.Line($"public {ExpressionWriter.Keyword(scalar.Type)} {scalar.Name};");
        w.Line($"public global::Stencil.Box {string.Join(", ", Enumerable.Range(0, kernel.Assignments.Count).Select(s => "S" + s))}, All;");
        w.Close();
        w.Line();
        w.Open($"private static void {name}Ilgpu({index} index, {name}Args args)");
        for (int axis = 0; axis < kernel.Rank; axis++)
            w.Line($"int i{"xyz"[axis]} = args.All.{"XYZ"[axis]}Lo + index.{"XYZ"[axis]};");
        foreach (var field in fields)
            w.Line($"var {field.Name} = args.{field.Name}; int {field.Name}_nx = args.{field.Name}_nx, {field.Name}_ny = args.{field.Name}_ny, {field.Name}_nz = args.{field.Name}_nz;");
        foreach (var scalar in scalars)
            w.Line($"var {scalar.Name} = args.{scalar.Name};");

        var writer = new IlgpuExpressionWriter(kernel.Rank);
        string point = string.Join(", ", Enumerable.Range(0, kernel.Rank).Select(a => "i" + "xyz"[a]));
        for (int s = 0; s < kernel.Assignments.Count; s++)
        {
            var assignment = kernel.Assignments[s];
            w.Open($"if (args.S{s}.Contains({point}))");
            KernelEmitter.EmitPointWork(w, kernel, assignment, writer);
            w.Close();
        }
        w.Close();
    }
}
