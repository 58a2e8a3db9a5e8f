using System;
using System.Collections.Generic;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>One SIMD loop body: its lines, the arithmetic it does per vector and the arrays it reads.</summary>
internal sealed record VectorBody(IReadOnlyList<string> Lines, int Work, int ArraysRead);

/// <summary>
/// Chooses the vector widths of a CPU x loop. Every loop with a SIMD form gets 256-bit vectors.
/// A compute-bound loop also gets a 512-bit loop in front of them, used where the hardware has
/// 512-bit vectors (AVX-512). The 256-bit loop then does what is left of the row.
/// <para>
/// Why not always 512: on the development machine (Zen 5, 2 threads, 256^3), the memory-bound 3D
/// heat step ran 25-40 % slower with 512-bit vectors than with 256-bit vectors, even with aligned
/// stores. The division-heavy 3D nonlinear diffusion residual ran 1.6x faster with them.
/// </para>
/// <para>
/// A loop counts as compute-bound when it does at least <see cref="ComputeBound"/> arithmetic
/// operations per vector for each array it streams (arrays read, plus the one written). The model
/// is rough: each streamed array costs about one cycle per point at memory bandwidth, and a core
/// retires about two vector operations per cycle. On that machine, the heat step does 9 operations
/// per array and the nonlinear residual 38.
/// </para>
/// </summary>
internal static class VectorWidths
{
    /// <summary>The throughput cost of a division, square root or lane-by-lane call, in multiplications.</summary>
    public const int Division = 4;

    /// <summary>Operations per vector and streamed array from which a 512-bit loop is worth it.</summary>
    public const int ComputeBound = 16;

    /// <summary>Whether a loop body, with its tallied work and the arrays it reads, also gets 512-bit vectors.</summary>
    public static bool Wide(VectorBody body) => body.Work >= ComputeBound * (body.ArraysRead + 1);

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
        if (write(writers[0]) is not { } narrow) return loops;
        loops.Add((writers[0], narrow));
        if (Wide(narrow) && write(writers[1]) is { } wide) loops.Insert(0, (writers[1], wide));
        return loops;
    }

    /// <summary>Emits the loops one after the other, each taking the x points the one before left.</summary>
    public static void Emit(SourceWriter w, string last, IEnumerable<(VectorExpressionWriter Writer, VectorBody Body)> loops)
    {
        foreach (var (writer, body) in loops) writer.EmitLoop(w, last, body.Lines);
    }
}
