using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The native CPU kernel: a reusable job object run by the backend's worker threads over rows
/// (y, z) of the launch box, with one unit-stride x loop per statement over that statement's own
/// box, so the loop body has no bounds tests. Row pointers are computed once per row.
/// </summary>
internal static class CpuKernelEmitter
{
    public static void Emit(SourceWriter w, KernelSpec kernel)
    {
        EmitJobFields(w, kernel, kernel.Name + "Cpu", withAdjoints: false);
        w.Line();
        w.Open("public override void Execute(int begin, int end)");
        w.Open("for (int row = begin; row < end; row++)");
        switch (kernel.Rank)
        {
            case 1:
                w.Line("int x0 = All.XLo + row * global::Stencil.Launch.Chunk1D;");
                w.Line("int x1 = global::System.Math.Min(x0 + global::Stencil.Launch.Chunk1D - 1, All.XHi);");
                break;
            case 2:
                w.Line("int iy = All.YLo + row;");
                break;
            default:
                w.Line("int iy = All.YLo + row % All.Height;");
                w.Line("int iz = All.ZLo + row / All.Height;");
                break;
        }
        for (int s = 0; s < kernel.Assignments.Count; s++) EmitStatement(w, kernel, kernel.Assignments[s], "S" + s);
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>
    /// Opens the job class: a per-thread instance reused across launches (no allocation per launch),
    /// and the pointers, extents, scalars and statement boxes the launcher fills in.
    /// </summary>
    public static void EmitJobFields(SourceWriter w, KernelSpec kernel, string type, bool withAdjoints)
    {
        string element = kernel.ElementKeyword;
        w.Open($"private sealed unsafe class {type} : global::Stencil.CpuKernel");
        w.Line("[global::System.ThreadStatic] private static " + type + "? t_instance;");
        w.Line();
        w.Line($"public static {type} Rent() => t_instance ??= new {type}();");
        w.Line();
        foreach (var field in KernelEmitter.Fields(kernel))
            w.Line(withAdjoints
                ? $"public {element}* {field.Name}; public {element}* {field.Name}_bar; public int {field.Name}_nx, {field.Name}_ny, {field.Name}_nz;"
                : $"public {element}* {field.Name}; public int {field.Name}_nx, {field.Name}_ny, {field.Name}_nz;");
        foreach (var scalar in KernelEmitter.Scalars(kernel))
            w.Line($"public {ExpressionWriter.Keyword(scalar.Type)} {scalar.Name};");
        w.Line($"public global::Stencil.Box {string.Join(", ", Enumerable.Range(0, kernel.Assignments.Count).Select(s => "S" + s))}, All;");
    }

    private static void EmitStatement(SourceWriter w, KernelSpec kernel, Assignment assignment, string box)
    {
        var writer = new CpuExpressionWriter(kernel.Rank);
        w.Line($"// {assignment.Target.Field}{assignment.Target.Offset} = ...");
        if (kernel.Rank == 1)
        {
            w.Open($"for (int ix = global::System.Math.Max({box}.XLo, x0), xEnd = global::System.Math.Min({box}.XHi, x1); ix <= xEnd; ix++)");
        }
        else
        {
            w.Open(kernel.Rank == 2 ? $"if ({box}.YLo <= iy && iy <= {box}.YHi)" : $"if ({box}.YLo <= iy && iy <= {box}.YHi && {box}.ZLo <= iz && iz <= {box}.ZHi)");
            CpuExpressionWriter.EmitRowPointers(w, kernel, KernelEmitter.Accesses(kernel, assignment).Select(a => (a.Field, a.Offset)));
            w.Open($"for (int ix = {box}.XLo; ix <= {box}.XHi; ix++)");
        }
        KernelEmitter.EmitPointWork(w, kernel, assignment, writer);
        w.Close();
        if (kernel.Rank > 1) w.Close();
    }
}
