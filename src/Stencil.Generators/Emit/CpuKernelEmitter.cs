using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// The native CPU kernel: a reusable job object run by the backend's worker threads over rows
/// (y, z) of the launch box, with one unit-stride x loop per statement over that statement's own
/// box, so the loop body has no bounds tests. Row pointers are computed once per row. The x loop
/// runs SIMD vectors (<see cref="VectorExpressionWriter"/>, <see cref="VectorWidths"/>) with a scalar loop for the remainder.
/// </summary>
internal static class CpuKernelEmitter
{
    /// <summary>
    /// Marks a kernel method for full optimisation at its first call. Kernels do long loops from
    /// their first launch; under tiered compilation they would start as unoptimised code (then
    /// on-stack replacement), and a method called once per row (adjoint passes) would stay
    /// unoptimised for its first thousands of rows: measured 10x slower on the 128^3 heat adjoint.
    /// </summary>
    public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    public static void Emit(SourceWriter w, KernelSpec kernel)
    {
        var writers = VectorWidths.Writers(kernel.Rank, kernel.Element, kernel.Locals);
        var loops = kernel.Assignments.Select(a => VectorWidths.Loops(writers, v => WriteBody(v, kernel, a))).ToList();

        EmitJobFields(w, kernel, kernel.Name + "Cpu", withAdjoints: false);
        w.Line();
        w.Line(Optimized);
        w.Open("public override void Execute(int begin, int end)");
        foreach (var hoist in writers.SelectMany(v => v.Hoists)) w.Line(hoist);
        OpenRowLoop(w, kernel.Rank);
        EmitRow(w, kernel.Rank);
        for (int s = 0; s < kernel.Assignments.Count; s++) EmitStatement(w, kernel, kernel.Assignments[s], "S" + s, loops[s]);
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>
    /// Opens the loop over a job's rows [begin, end). In 3D a <c>RowCursor</c> steps through their
    /// (iy, iz), named <c>rows</c>.
    /// </summary>
    public static void OpenRowLoop(SourceWriter w, int rank)
    {
        if (rank < 3)
        {
            w.Open("for (int row = begin; row < end; row++)");
            return;
        }
        w.Line("var rows = new global::Stencil.RowCursor(All, BlockHeight, begin);");
        w.Open("for (int row = begin; row < end; row++, rows.Next())");
    }

    /// <summary>
    /// The row's coordinates: a chunk [x0, x1] in 1D, iy in 2D, (iy, iz) in 3D (rows of y blocks,
    /// see <c>Launch.Row</c>; in 3D from the loop's <c>RowCursor</c>).
    /// </summary>
    public static void EmitRow(SourceWriter w, int rank)
    {
        switch (rank)
        {
            case 1:
                w.Line("int x0 = All.XLo + row * global::Stencil.Launch.Chunk1D;");
                w.Line("int x1 = global::System.Math.Min(x0 + global::Stencil.Launch.Chunk1D - 1, All.XHi);");
                break;
            case 2:
                w.Line("int iy = All.YLo + row;");
                break;
            default:
                w.Line("int iy = rows.Y, iz = rows.Z;");
                break;
        }
    }

    /// <summary>
    /// One point's work over a vector of x points: the varying bindings, then the store (a guarded
    /// store keeps the old value where the guard is false). Null when the statement has no SIMD form.
    /// </summary>
    private static VectorBody? WriteBody(VectorExpressionWriter vector, KernelSpec kernel, Assignment assignment)
    {
        vector.TakeBody();
        var lines = new List<string>();
        foreach (var binding in KernelEmitter.Bindings(kernel, assignment).Where(vector.Varies))
        {
            if (vector.Write(binding.Value) is not string value) return null;
            lines.Add($"var {binding.Name} = {value};");
        }
        string address = vector.Address(assignment.Target.Field, assignment.Target.Offset);
        vector.Touch(assignment.Target.Field, assignment.Target.Offset);
        if (vector.Write(assignment.Value) is not string result) return null;
        if (assignment.Guard is not null)
        {
            if (vector.Write(assignment.Guard) is not string mask) return null;
            result = $"{vector.Vector}.ConditionalSelect({mask}, {result}, {vector.Vector}.Load({address}))";
        }
        lines.Add($"{vector.Vector}.Store({result}, {address});");
        var (prefetches, loads, work, divisions, arraysRead) = vector.TakeBody();
        return new VectorBody(loads.Concat(lines).ToList(), work, divisions, arraysRead + 1) { Prefetches = prefetches };
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
        w.Line("public int VectorBits;");
        if (kernel.Rank == 3) w.Line("public int BlockHeight;");
    }

    private static void EmitStatement(SourceWriter w, KernelSpec kernel, Assignment assignment, string box, List<(VectorExpressionWriter, VectorBody)> vectorLoops)
    {
        var writer = new CpuExpressionWriter(kernel.Rank);
        w.Line($"// {assignment.Target.Field}{assignment.Target.Offset} = ...");
        if (kernel.Rank == 1)
        {
            w.OpenBlock();
            w.Line($"int ix = global::System.Math.Max({box}.XLo, x0), xEnd = global::System.Math.Min({box}.XHi, x1);");
        }
        else
        {
            w.Open(kernel.Rank == 2 ? $"if ({box}.YLo <= iy && iy <= {box}.YHi)" : $"if ({box}.YLo <= iy && iy <= {box}.YHi && {box}.ZLo <= iz && iz <= {box}.ZHi)");
            CpuExpressionWriter.EmitRowPointers(w, kernel, KernelEmitter.Accesses(kernel, assignment).Select(a => (a.Field, a.Offset)));
            w.Line($"int ix = {box}.XLo, xEnd = {box}.XHi;");
        }
        bool readsTarget = KernelEmitter.Accesses(kernel, assignment).Skip(1).Any(a => a.Field == assignment.Target.Field);
        if (vectorLoops.Count > 1 && !readsTarget)
        {
            // 512-bit loops (compute-bound) start where their stores start a cache line, and so do 5 of
            // the * _dx nonlinear residual's 7 loads: 1-4 % of its time (medians of paired launches).
            var (wide, body) = vectorLoops[0];
            w.Line("// One vector at the row's start, then on from the first point whose store starts a cache line (the points between get the same values again).");
            wide.EmitAligning(w, "xEnd", body, wide.Address(assignment.Target.Field, assignment.Target.Offset), kernel.ElementKeyword);
        }
        VectorWidths.Emit(w, "xEnd", vectorLoops);
        if (vectorLoops.Count > 0 && !readsTarget)
        {
            // The points the vectors leave (fewer than a vector): one vector more, ending at the
            // row's end. It computes some points again, with the same result, as the statement does
            // not read the field it writes.
            var (tail, body) = vectorLoops[vectorLoops.Count - 1];
            string start = kernel.Rank == 1 ? $"global::System.Math.Max({box}.XLo, x0)" : $"{box}.XLo";
            w.Line("// The points the vectors leave: one vector more, ending at the row's end (the points it computes again get the same values).");
            w.Open($"if (ix <= xEnd && xEnd - {start} >= {tail.Width - 1} && VectorBits >= {tail.Bits} && {tail.Vector}.IsHardwareAccelerated)");
            w.Line($"ix = xEnd - {tail.Width - 1};");
            foreach (var line in body.Lines) w.Line(line);
            w.Line("ix = xEnd + 1;");
            w.Close();
        }
        w.Open("for (; ix <= xEnd; ix++)");
        KernelEmitter.EmitPointWork(w, kernel, assignment, writer);
        w.Close();
        w.Close();
    }
}
