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
    /// unoptimised for its first thousands of rows, several times slower.
    /// </summary>
    public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    public static void Emit(SourceWriter w, KernelSpec kernel, IReadOnlyCollection<int> fused)
    {
        var writers = VectorWidths.Writers(kernel.Rank, kernel.Element, kernel.Locals);
        var statements = kernel.Assignments.Select((a, s) => new Statement(kernel, a, s, VectorWidths.Loops(writers, v => WriteBody(v, kernel, a)))).ToList();
        // Above the JIT's limits, each loop gets a method of its own (VectorWidths.MethodWork).
        bool split = VectorWidths.Work(statements.SelectMany(s => s.Copies)) > VectorWidths.MethodWork;

        EmitJobFields(w, kernel, kernel.Name + "Cpu", withAdjoints: false);
        foreach (int s in fused) w.Line($"public StencilServices::FusedStep<{kernel.ElementKeyword}>? Step{s};");
        w.Line();
        w.Line(Optimized);
        w.Open("public override void Execute(int begin, int end)");
        if (!split) foreach (var hoist in writers.SelectMany(v => v.Hoists)) w.Line(hoist);
        OpenRowLoop(w, kernel.Rank);
        EmitRow(w, kernel.Rank);
        foreach (var statement in statements) EmitStatement(w, kernel, statement, split, fused.Contains(statement.Index));
        w.Close();
        w.Close();
        if (split) foreach (var statement in statements) EmitStatementMethods(w, kernel, statement);
        w.Close();
    }

    /// <summary>
    /// One statement of a forward kernel: its box (<c>S{index}</c>), its SIMD loops (widest first,
    /// none without a SIMD form), and whether it reads the field it writes (then no vector computes
    /// points twice: no aligning vector, no tail vector).
    /// </summary>
    private sealed class Statement
    {
        public Statement(KernelSpec kernel, Assignment assignment, int index, List<(VectorExpressionWriter Writer, VectorBody Body)> loops)
        {
            Assignment = assignment;
            Index = index;
            Box = "S" + index;
            Method = "Statement" + index;
            Loops = loops;
            ReadsTarget = KernelEmitter.Accesses(kernel, assignment).Skip(1).Any(a => a.Field == assignment.Target.Field);
        }

        public Assignment Assignment { get; }

        public int Index { get; }

        public string Box { get; }

        /// <summary>The prefix of its methods, when its loops have methods of their own.</summary>
        public string Method { get; }

        public List<(VectorExpressionWriter Writer, VectorBody Body)> Loops { get; }

        public bool ReadsTarget { get; }

        public bool Aligns => Loops.Count > 1 && !ReadsTarget;

        public bool HasTail => Loops.Count > 0 && !ReadsTarget;

        /// <summary>The copies of SIMD bodies its row holds: the aligning vector, the loops, a tail vector per loop.</summary>
        public IEnumerable<VectorBody> Copies => (Aligns ? new[] { Loops[0].Body } : new VectorBody[0])
            .Concat(Loops.Select(l => l.Body))
            .Concat(HasTail ? Loops.Select(l => l.Body) : new VectorBody[0]);
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
        w.Line("var rows = new StencilServices::RowCursor(All, BlockHeight, begin);");
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
                w.Line("int x0 = All.XLo + row * StencilServices::Launch.Chunk1D;");
                w.Line("int x1 = global::System.Math.Min(x0 + StencilServices::Launch.Chunk1D - 1, All.XHi);");
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
    /// Where some bindings are carried from one vector to the next (<see cref="CarriedBindings"/>),
    /// the loop's lines take them from their leaders and <see cref="VectorBody.Alone"/> computes them.
    /// </summary>
    private static VectorBody? WriteBody(VectorExpressionWriter vector, KernelSpec kernel, Assignment assignment)
    {
        var bindings = KernelEmitter.Bindings(kernel, assignment).Where(vector.Varies).ToList();
        if (WriteBody(vector, assignment, bindings, new Dictionary<string, LocalBinding>()) is not { } alone) return null;
        var followers = CarriedBindings.Find(bindings, kernel.Locals.ToDictionary(b => b.Name), kernel.Element);
        if (followers.Count == 0) return alone;
        // In the loop a follower needs its leader only, so what only followers used is not computed.
        var carried = kernel.Locals.Select(b => followers.TryGetValue(b.Name, out var leader) ? b with { Value = new LocalExpr(leader.Name) } : b).ToList();
        var roots = assignment.Guard is null ? new[] { assignment.Value } : new[] { assignment.Value, assignment.Guard };
        var loopBindings = CarriedBindings.Order(ExprQueries.Bindings(roots, carried).Where(vector.Varies).ToList(), followers).ToList();
        // Followers that only other followers used (Stokes: divW, for txxW) need no carry either.
        followers = followers.Where(f => loopBindings.Any(b => b.Name == f.Key)).ToDictionary(f => f.Key, f => f.Value);
        if (followers.Count == 0) return alone;
        var loop = WriteBody(vector, assignment, loopBindings, followers)!;
        var scalar = new CpuExpressionWriter(kernel.Rank);
        var start = ExprQueries.Bindings(followers.Keys.Select(f => (Expr)new LocalExpr(f)), kernel.Locals)
            .Select(b => $"{ExpressionWriter.Keyword(b.Type)} {b.Name} = {scalar.Write(b.Value)};")
            .Concat(followers.Select(f => $"{CarriedBindings.Before(f.Value.Name)} = {vector.Vector}.Create({f.Key});"));
        return loop with { Alone = alone.Lines, Leaders = followers.Values.Select(l => l.Name).ToList(), CarryStart = start.ToList() };
    }

    private static VectorBody? WriteBody(VectorExpressionWriter vector, Assignment assignment, IEnumerable<LocalBinding> bindings, Dictionary<string, LocalBinding> followers)
    {
        vector.TakeBody();
        var lines = new List<string>();
        foreach (var binding in bindings)
        {
            if (followers.TryGetValue(binding.Name, out var leader))
            {
                lines.Add($"var {binding.Name} = {vector.Previous(leader.Name)};");
                lines.Add($"{CarriedBindings.Before(leader.Name)} = {leader.Name};");
                continue;
            }
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
        var (prefetches, loads, work, divisions, arraysRead, broadcasts, loadUses) = vector.TakeBody();
        return new VectorBody(loads.Concat(lines).ToList(), work, divisions, arraysRead + 1) { Prefetches = prefetches, Loads = loads.Count, Broadcasts = broadcasts, LoadUses = loadUses };
    }

    /// <summary>
    /// Opens the job class: a per-thread instance reused across launches (no allocation per launch),
    /// and the pointers, extents, scalars and statement boxes the launcher fills in.
    /// </summary>
    public static void EmitJobFields(SourceWriter w, KernelSpec kernel, string type, bool withAdjoints)
    {
        string element = kernel.ElementKeyword;
        w.Line(KernelEmitter.GeneratedCode);
        w.Open($"private sealed unsafe class {type} : StencilServices::CpuKernel");
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
        w.Line($"public StencilServices::Box {string.Join(", ", Enumerable.Range(0, kernel.Assignments.Count).Select(s => "S" + s))}, All;");
        w.Line("public int VectorBits;");
        if (kernel.Rank == 3) w.Line("public int BlockHeight;");
    }

    /// <summary>
    /// A statement's row: its row pointers, then the x loop: the aligning vector, the SIMD loops,
    /// the tail vector and the scalar points. With <paramref name="split"/>, each of these is a call
    /// to a method of its own (<see cref="EmitStatementMethods"/>), which declares what it needs.
    /// With <paramref name="step"/>, the row ends with the state's pseudo-time step over the points
    /// it wrote (<see cref="EmitStep"/>).
    /// </summary>
    private static void EmitStatement(SourceWriter w, KernelSpec kernel, Statement statement, bool split, bool step)
    {
        var assignment = statement.Assignment;
        var vectorLoops = statement.Loops;
        string box = statement.Box;
        string Call(string method, params string[] arguments) => $"{statement.Method}{method}({string.Join(", ", RowIndices(kernel).Concat(arguments))})";
        w.Line($"// {assignment.Target.Field}{assignment.Target.Offset} = ...");
        if (kernel.Rank == 1)
        {
            w.OpenBlock();
            w.Line($"int ix = global::System.Math.Max({box}.XLo, x0), xEnd = global::System.Math.Min({box}.XHi, x1);");
        }
        else
        {
            w.Open(kernel.Rank == 2 ? $"if ({box}.YLo <= iy && iy <= {box}.YHi)" : $"if ({box}.YLo <= iy && iy <= {box}.YHi && {box}.ZLo <= iz && iz <= {box}.ZHi)");
            if (!split) EmitRowPointers(w, kernel, assignment);
            w.Line($"int ix = {box}.XLo, xEnd = {box}.XHi;");
        }
        if (statement.Aligns)
        {
            // 512-bit loops (compute-bound) start where their stores start a cache line: a store split
            // over two cache lines costs two.
            w.Line("// One vector at the row's start, then on from the first point whose store starts a cache line (the points between get the same values again).");
            if (split) w.Line($"ix = {Call("Align", "ix", "xEnd")};");
            else EmitAligning(w, kernel, statement);
        }
        if (vectorLoops.Count > 0) VectorWidths.EmitComment(w, vectorLoops);
        // One segment per loop (the aligning vector is emitted above), each followed by its tail vector.
        foreach (var (segment, loop) in VectorWidths.Segments("xEnd", vectorLoops).Zip(vectorLoops, (s, l) => (s, l)))
        {
            if (split) w.Line($"ix = {Call(segment.Name, "ix", "xEnd")};");
            else segment.Emit(w);
            if (statement.HasTail) EmitTail(w, kernel, statement, loop, split ? Call("Tail" + loop.Writer.Bits, "ix") : null);
        }
        if (split) w.Line($"if (ix <= xEnd) {Call("Points", "ix", "xEnd")};");
        else EmitPoints(w, kernel, assignment);
        if (step) EmitStep(w, kernel, statement);
        w.Close();
    }

    /// <summary>
    /// The state's step over the row the statement has just written, when the solver passed one
    /// (<c>FusedStep.Apply</c>, from the row's first written element to past its last). After the
    /// whole row, because the vectors at the row's start and end compute some points twice, from
    /// the state's old values.
    /// </summary>
    private static void EmitStep(SourceWriter w, KernelSpec kernel, Statement statement)
    {
        var target = statement.Assignment.Target;
        string field = target.Field, box = statement.Box;
        string Plus(int offset) => offset == 0 ? "" : offset > 0 ? $" + {offset}" : $" - {-offset}";
        string Long(string index, int offset) => offset == 0 ? "(long)" + index : $"(long)({index}{Plus(offset)})";
        string row = kernel.Rank switch
        {
            1 => "",
            2 => $"{Long("iy", target.Offset.Y)} * {field}_nx + ",
            _ => $"({Long("iz", target.Offset.Z)} * {field}_ny + iy{Plus(target.Offset.Y)}) * {field}_nx + ",
        };
        var (lo, hi) = kernel.Rank == 1
            ? ($"global::System.Math.Max({box}.XLo, x0)", $"global::System.Math.Min({box}.XHi, x1)")
            : ($"{box}.XLo", $"{box}.XHi");
        w.Line($"Step{statement.Index}?.Apply({row}{lo}{Plus(target.Offset.X)}, {row}{hi}{Plus(target.Offset.X + 1)});");
    }

    /// <summary>
    /// The methods a split statement's row calls (<see cref="VectorWidths.MethodWork"/>): each
    /// declares its hoisted values and row pointers and holds one copy of the body; the loops return
    /// the x point they stopped at.
    /// </summary>
    private static void EmitStatementMethods(SourceWriter w, KernelSpec kernel, Statement statement)
    {
        void Method(string name, string result, string[] parameters, IEnumerable<string> hoists, System.Action body)
        {
            w.Line();
            w.Line(Optimized);
            w.Open($"private {result} {statement.Method}{name}({string.Join(", ", RowIndices(kernel).Concat(parameters).Select(p => "int " + p))})");
            foreach (var hoist in hoists) w.Line(hoist);
            EmitRowPointers(w, kernel, statement.Assignment);
            body();
            if (result == "int") w.Line("return ix;");
            w.Close();
        }
        var loops = statement.Loops;
        if (statement.Aligns) Method("Align", "int", new[] { "ix", "xEnd" }, loops[0].Writer.Hoists, () => EmitAligning(w, kernel, statement));
        foreach (var segment in VectorWidths.Segments("xEnd", loops))
            Method(segment.Name, "int", new[] { "ix", "xEnd" }, segment.Writer.Hoists, () => segment.Emit(w));
        if (statement.HasTail)
            foreach (var (tail, body) in loops)
                Method("Tail" + tail.Bits, "void", new[] { "ix" }, tail.Hoists, () => { foreach (var line in body.OneVector) w.Line(line); });
        Method("Points", "void", new[] { "ix", "xEnd" }, new string[0], () => EmitPoints(w, kernel, statement.Assignment));
    }

    private static void EmitRowPointers(SourceWriter w, KernelSpec kernel, Assignment assignment)
        => CpuExpressionWriter.EmitRowPointers(w, kernel, KernelEmitter.Accesses(kernel, assignment).Select(a => (a.Field, a.Offset)));

    /// <summary>
    /// After a loop, the points its vectors leave (fewer than a vector): one vector of the loop's
    /// width more, ending at the row's end, where the row has that many points. It computes some
    /// points again, with the same result, as the statement does not read the field it writes. So
    /// after a 512-bit loop the row ends in one 512-bit vector, and the 256-bit loop and tail run only
    /// where 512-bit vectors do not (no AVX-512, <c>VectorBits</c> 256, rows of fewer than 8 points):
    /// one vector instead of a 256-bit loop and a tail.
    /// </summary>
    private static void EmitTail(SourceWriter w, KernelSpec kernel, Statement statement, (VectorExpressionWriter Writer, VectorBody Body) loop, string? call)
    {
        var (tail, body) = loop;
        string start = kernel.Rank == 1 ? $"global::System.Math.Max({statement.Box}.XLo, x0)" : $"{statement.Box}.XLo";
        w.Line($"// The points the vectors leave: one {tail.Bits}-bit vector more, ending at the row's end (the points it computes again get the same values).");
        w.Open($"if (ix <= xEnd && xEnd - {start} >= {tail.Width - 1} && VectorBits >= {tail.Bits} && {tail.Vector}.IsHardwareAccelerated)");
        w.Line($"ix = xEnd - {tail.Width - 1};");
        if (call is not null) w.Line(call + ";");
        else foreach (var line in body.OneVector) w.Line(line);
        w.Line("ix = xEnd + 1;");
        w.Close();
    }

    private static void EmitAligning(SourceWriter w, KernelSpec kernel, Statement statement)
    {
        var (wide, body) = statement.Loops[0];
        wide.EmitAligning(w, "xEnd", body, wide.Address(statement.Assignment.Target.Field, statement.Assignment.Target.Offset), kernel.ElementKeyword);
    }

    private static void EmitPoints(SourceWriter w, KernelSpec kernel, Assignment assignment)
    {
        w.Open("for (; ix <= xEnd; ix++)");
        KernelEmitter.EmitPointWork(w, kernel, assignment, new CpuExpressionWriter(kernel.Rank));
        w.Close();
    }

    /// <summary>The indices that name a row: iy, iz in 3D, iy in 2D, none in 1D.</summary>
    public static IEnumerable<string> RowIndices(KernelSpec kernel) => new[] { "iy", "iz" }.Take(kernel.Rank - 1);
}
