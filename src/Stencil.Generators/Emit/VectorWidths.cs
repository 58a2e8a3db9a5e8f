using System;
using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// One SIMD loop body: its lines, and per point (each lane of a vector) its operations
/// (<see cref="Work"/>), its slow operations (<see cref="Divisions"/>: divisions, square roots,
/// lane-by-lane calls) and the arrays it streams (read, plus written).
/// </summary>
internal sealed record VectorBody(IReadOnlyList<string> Lines, int Work, int Divisions, int Streams)
{
    /// <summary>Lines before the loop, once per row (e.g. a gather's row masks).</summary>
    public IReadOnlyList<string> Preamble { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The lines of one vector on its own (a row's aligning or tail vector), where <see cref="Lines"/>
    /// take carried values from the iteration before (<see cref="CarriedBindings"/>).
    /// </summary>
    public IReadOnlyList<string>? Alone { get; init; }

    /// <summary>The lines of one vector on its own: <see cref="Alone"/>, or <see cref="Lines"/> where nothing is carried.</summary>
    public IReadOnlyList<string> OneVector => Alone ?? Lines;

    /// <summary>The leaders whose vectors the loop carries to the next iteration (<see cref="CarriedBindings"/>).</summary>
    public IReadOnlyList<string> Leaders { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Scalar lines, before the loop, that compute the carried followers at its first point
    /// <c>ix</c> and start each leader's vector of the iteration before with them.
    /// </summary>
    public IReadOnlyList<string> CarryStart { get; init; } = Array.Empty<string>();

    /// <summary>Prefetches at the top of each iteration of a loop; a single vector (a row's tail or end) leaves them out.</summary>
    public IReadOnlyList<string> Prefetches { get; init; } = Array.Empty<string>();

    /// <summary>The hoisted values it uses from locals (their <c>Create</c> text), with the number of uses each.</summary>
    public IReadOnlyDictionary<string, int> Broadcasts { get; init; } = new Dictionary<string, int>();

    /// <summary>The field elements it loads into locals (not those loaded where used: <see cref="VectorExpressionWriter.InlineLoads"/>, <see cref="VectorExpressionWriter.LoadsWhereUsed"/>).</summary>
    public int Loads { get; init; }

    /// <summary>The field elements it reads (their addresses), with the number of uses each, wherever they are loaded.</summary>
    public IReadOnlyDictionary<string, int> LoadUses { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// Chooses the vector widths of a CPU x loop. Every loop with a SIMD form gets 256-bit vectors.
/// A compute-bound loop also gets a 512-bit loop in front of them, used where the hardware has
/// 512-bit vectors (AVX-512). In an adjoint gather the 256-bit loop then does what is left of the
/// row; a forward statement that does not read the field it writes ends its row in one more 512-bit
/// vector instead (<c>CpuKernelEmitter.EmitTail</c>).
/// <para>
/// Why not always 512: on CPUs that split 512-bit operations, memory-bound loops run slower with
/// them (even with aligned stores), while division-bound loops run faster.
/// </para>
/// <para>
/// A loop counts as compute-bound when it does at least <see cref="DivisionBound"/> divisions
/// (or square roots, or lane-by-lane calls) per point, or at least <see cref="ComputeBound"/>
/// other operations per point for each array it streams. Per point, the heat step does 3
/// divisions and 14 operations on 3 arrays; its adjoint none and 22 on 4 arrays; a geothermal
/// flux 1 division; the nonlinear residual 9 divisions; each gather of the geothermal flux adjoint
/// 4 divisions; the nonlinear residual written with inverse spacings (no divisions) 50 operations
/// on 2 arrays, enough for 512-bit vectors to pay. (Its loops now carry one face flux from
/// the vector before, <see cref="CarriedBindings"/>: 8 divisions and 44 operations per point.)
/// </para>
/// </summary>
internal static class VectorWidths
{
    /// <summary>Divisions per point from which a loop is worth 512-bit vectors.</summary>
    public const int DivisionBound = 4;

    /// <summary>Operations per point and streamed array from which a loop is worth 512-bit vectors.</summary>
    public const int ComputeBound = 16;

    /// <summary>Whether a loop body also gets 512-bit vectors.</summary>
    public static bool Wide(VectorBody body) => body.Divisions >= DivisionBound || body.Work >= ComputeBound * body.Streams;

    /// <summary>The writers of a kernel's loops: 256-bit, then 512-bit.</summary>
    public static VectorExpressionWriter[] Writers(int rank, NumberType element, IEnumerable<LocalBinding> locals)
        => new[] { new VectorExpressionWriter(rank, element, locals, 256), new VectorExpressionWriter(rank, element, locals, 512) };

    /// <summary>
    /// The loops of one body, widest first: none when it has no SIMD form, else the 256-bit loop,
    /// preceded by the 512-bit loop when the body is compute-bound.
    /// </summary>
    public static List<(VectorExpressionWriter Writer, VectorBody Body)> Loops(VectorExpressionWriter[] writers, Func<VectorExpressionWriter, VectorBody?> write)
    {
        var loops = new List<(VectorExpressionWriter, VectorBody)>();
        if (Fitted(writers[0], write) is not { } narrow) return loops;
        loops.Add((writers[0], narrow));
        if (Wide(narrow) && Fitted(writers[1], write) is { } wide) loops.Insert(0, (writers[1], wide));
        return loops;
    }

    /// <summary>
    /// The vector registers a loop of this width can count on: 32 for 512-bit vectors (AVX-512 has
    /// 32), 16 for 256-bit vectors. A machine without AVX-512 (AVX2 alone) runs every loop in 256-bit
    /// vectors and has 16; on an AVX-512 machine the 256-bit loops are the memory-bound ones and
    /// the last vectors of a row after a 512-bit loop.
    /// </summary>
    public static int Registers(int bits) => bits >= 512 ? 32 : 16;

    /// <summary>
    /// Hoisted values (broadcast constants and scalars) a body may use from locals: half the
    /// registers. Where it uses more, the constants and scalars it uses least are broadcast where used
    /// (<see cref="VectorExpressionWriter.BroadcastsWhereUsed"/>; the JIT folds the broadcast into
    /// the operation, <c>vmulpd zmm, zmm, [mem]{1to8}</c> on AVX-512, or broadcasts into a scratch
    /// register). The JIT keeps hoisted locals in registers across the loop, so with too many of them
    /// the body's own values (running sums) spill to the stack, a store and a load per term. Half the
    /// registers leaves the other half for the body's own values.
    /// </summary>
    public static int RegisterBroadcasts(int bits) => Registers(bits) / 2;

    /// <summary>
    /// Field elements a body may load into locals, beside the hoisted values it keeps in locals
    /// (<paramref name="broadcasts"/>). Past that, uses load their elements where they are used: the
    /// JIT, which schedules the loads before the arithmetic as written, stored the others to the
    /// stack right after loading them and read them back there. A load from the array instead
    /// costs no store, and the JIT folds it into the arithmetic (<c>vmulpd zmm, zmm, [mem]</c>), but
    /// an element used three times is loaded three times.
    /// <para>
    /// 512-bit loops: 32, whatever the broadcasts; past 32 every element is loaded where used
    /// (<see cref="VectorExpressionWriter.InlineLoads"/>): a load folded into its operation costs
    /// less than a spilled local, while up to 32 locals stay in registers.
    /// </para>
    /// <para>
    /// 256-bit loops: three quarters of AVX2's 16 registers, less the broadcasts; past that the
    /// elements used least are loaded where used (<see cref="VectorExpressionWriter.LoadsWhereUsed"/>),
    /// so that an element used several times (the centre of a Laplacian) keeps its local and the
    /// 16 registers are not spilled.
    /// </para>
    /// </summary>
    public static int RegisterLoads(int bits, int broadcasts) => bits >= 512 ? 32 : Registers(bits) * 3 / 4 - broadcasts;

    private static VectorBody? Fitted(VectorExpressionWriter writer, Func<VectorExpressionWriter, VectorBody?> write)
    {
        writer.InlineLoads = false;
        writer.BroadcastsWhereUsed.Clear();
        writer.LoadsWhereUsed.Clear();
        var body = write(writer);
        if (body is null) return null;
        int broadcasts = RegisterBroadcasts(writer.Bits);
        int loads = RegisterLoads(writer.Bits, Math.Min(body.Broadcasts.Count, broadcasts));
        if (body.Loads > loads)
        {
            if (writer.Bits >= 512) writer.InlineLoads = true;
            else foreach (var load in LeastUsed(body.LoadUses, body.Loads - loads)) writer.LoadsWhereUsed.Add(load);
            body = write(writer)!;
        }
        if (body.Broadcasts.Count <= broadcasts) return body;
        var operands = body.Broadcasts.Where(b => writer.IsOperand(b.Key)).ToDictionary(b => b.Key, b => b.Value);
        foreach (var broadcast in LeastUsed(operands, body.Broadcasts.Count - broadcasts)) writer.BroadcastsWhereUsed.Add(broadcast);
        return write(writer);
    }

    /// <summary>The <paramref name="count"/> values used least, ties broken by their text (so the output is deterministic).</summary>
    private static IEnumerable<string> LeastUsed(IReadOnlyDictionary<string, int> uses, int count)
        => uses.OrderBy(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Take(count).Select(u => u.Key);

    /// <summary>
    /// Emits the loops one after the other, each taking the x points the one before left. With
    /// <paramref name="alignRow"/> (the row the vectors store to) and 512-bit vectors, one 256-bit
    /// vector goes first where that row is not at a cache line yet, so that the 512-bit vectors' loads
    /// and stores of it, and of the rows of arrays with its extents, each stay in one cache line.
    /// </summary>
    public static void Emit(SourceWriter w, string last, IReadOnlyList<(VectorExpressionWriter Writer, VectorBody Body)> loops, string? alignRow = null)
    {
        if (loops.Count == 0) return;
        EmitComment(w, loops);
        foreach (var segment in Segments(last, loops, alignRow)) segment.Emit(w);
    }

    /// <summary>The comment before a row's loops: the narrowest body's cost per point, and the widths.</summary>
    public static void EmitComment(SourceWriter w, IReadOnlyList<(VectorExpressionWriter Writer, VectorBody Body)> loops)
    {
        var narrow = loops[loops.Count - 1].Body;
        w.Line($"// SIMD, per point: {narrow.Work} operations, {narrow.Divisions} divisions, {narrow.Streams} arrays streamed: "
            + (loops.Count > 1 ? "compute-bound, 512-bit vectors first" : "256-bit vectors"));
    }

    /// <summary>
    /// The pieces <see cref="Emit"/> writes, in order, each with a name (<c>Align</c>,
    /// <c>Loop512</c>, <c>Loop256</c>) and the writer whose hoisted values it uses: a large
    /// body puts each in a method of its own (<see cref="MethodWork"/>).
    /// </summary>
    public static List<(string Name, VectorExpressionWriter Writer, Action<SourceWriter> Emit)> Segments(string last,
        IReadOnlyList<(VectorExpressionWriter Writer, VectorBody Body)> loops, string? alignRow = null)
    {
        var segments = new List<(string, VectorExpressionWriter, Action<SourceWriter>)>();
        if (loops.Count == 0) return segments;
        var (narrowWriter, narrow) = loops[loops.Count - 1];
        if (loops.Count > 1 && alignRow is not null)
            segments.Add(("Align", narrowWriter, w => narrowWriter.EmitOne(w, last, narrow,
                $"VectorBits >= {loops[0].Writer.Bits} && {loops[0].Writer.Vector}.IsHardwareAccelerated && ((nuint)({alignRow} + ix) & {CacheLine - 1}) != 0")));
        foreach (var (writer, body) in loops) segments.Add(("Loop" + writer.Bits, writer, w => writer.EmitLoop(w, last, body)));
        return segments;
    }

    /// <summary>
    /// The operations per point, summed over the copies of a SIMD body that one method holds, above
    /// which the CPU emitters give each loop, tail vector and end vector a method of its own. The
    /// JIT stops inlining in a method once its locals reach 0.9 x <c>DOTNET_JitMaxLocalsToTrack</c>
    /// (1024 by default), and compiles a method of more than 60,000 bytes of IL without optimising
    /// it: vector operations then become calls. Large fused kernels (a 3D Stokes update's tangent
    /// and gathers) cross these limits in one method; split, they compile optimised. Below the limit
    /// a method per loop only adds calls per row, so ordinary kernels keep their loops together.
    /// </summary>
    public const int MethodWork = 1000;

    /// <summary>Operations per point, summed over the given copies of SIMD bodies.</summary>
    public static int Work(IEnumerable<VectorBody> copies) => copies.Sum(body => body.Work);

    /// <summary>Bytes per cache line (x86, ARM).</summary>
    public const int CacheLine = 64;
}
