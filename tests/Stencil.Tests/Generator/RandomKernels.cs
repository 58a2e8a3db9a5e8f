using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.CodeAnalysis;
using Stencil.Generators.Model;

namespace Stencil.Tests.Generator;

/// <summary>
/// A random valid stencil kernel: its rank, the offsets of the extents of A, B, C from R's (-1, 0 or
/// +1 per axis: staggered fields), its local <c>t</c> and its body's right-hand side.
/// </summary>
/// <remarks>
/// A flux-form kernel also has <paramref name="Flux"/>, a face flux written with <c>@aw</c>, <c>@ae</c>
/// (A west and east of the face) and <c>@bw</c>, <c>@be</c> (B): its body declares <c>qw</c>, the
/// flux at the point's west face, and <c>qe</c>, at its east face, and <see cref="Value"/> uses both.
/// <c>qw</c> is then <c>qe</c> one point to the left, operation for operation: the SIMD loops carry it.
/// </remarks>
public sealed record RandomKernel(int Rank, int[] Deltas, string Local, string Value, string? Flux = null)
{
    /// <summary>The extents of R, A, B, C, R's being <paramref name="baseExtent"/>.</summary>
    public int[][] Extents(int[] baseExtent)
    {
        var extents = new int[4][];
        extents[0] = baseExtent;
        for (int f = 0; f < 3; f++) extents[f + 1] = baseExtent.Select((n, axis) => n + Deltas[f * Rank + axis]).ToArray();
        return extents;
    }
}

/// <summary>
/// Random stencil bodies (random operators, offsets, arithmetic, math functions, small powers,
/// branches, a local used several times, staggered extents), the C# source of a kernel
/// <c>Random{i}.K.M(R, A, B, C, s)</c> for each, and their compilation through the generator.
/// </summary>
public static class RandomKernels
{
    private static readonly string[] Fields = ["A", "B", "C"];

    /// <summary>
    /// The seed of the samples: under CI one fixed sample, so a landing never depends on luck; null
    /// (a new sample) in local runs, which explore.
    /// </summary>
    public static string? Seed => Environment.GetEnvironmentVariable("CI") == "true" ? "eSHDY77gD3F1" : null;

    /// <summary>R's extents on tiny grids (ILGPU's CPU simulator is slow): 9, 7 x 6 or 6 x 5 x 4.</summary>
    public static int[] TinyExtent(int rank) => rank switch { 1 => [9], 2 => [7, 6], _ => [6, 5, 4] };

    private static (int, IGen<string>) W(int weight, Gen<string> gen) => (weight, gen);

    private static Gen<string> Leaf(int rank, bool local = false)
    {
        var operators = OperatorTable.All.Where(o => o.Rank == rank).Select(o => o.Name).ToArray();
        var operatorRead = Gen.Select(Gen.OneOf(operators), Gen.OneOf(Fields), (op, f) => $"{op}({f})");
        var offset = Gen.Int[-1, 1];
        var indexRead = Gen.Select(Gen.OneOf(Fields), offset.Array[rank], (f, o) =>
            $"{f}[{string.Join(", ", o.Select((d, axis) => "I" + "xyz"[axis] + (d == 0 ? "" : d > 0 ? $" + {d}" : $" - {-d}")))}]");
        return local
            ? Gen.Frequency(W(4, operatorRead), W(4, indexRead), W(1, Constant), W(1, Gen.Const("s")), W(4, Gen.Const("t")))
            : Gen.Frequency(W(4, operatorRead), W(4, indexRead), W(1, Constant), W(1, Gen.Const("s")));
    }

    private static readonly Gen<string> Constant =
        Gen.Double[0.1, 2.0].Select(c => Math.Round(c, 2).ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Random bodies over <paramref name="leaf"/>; Exp takes a Tanh so nested exponentials cannot
    /// overflow.
    /// </summary>
    private static Gen<string> Expression(Gen<string> leaf, int depth)
    {
        if (depth == 0) return leaf;
        var sub = Expression(leaf, depth - 1);
        var binary = Gen.Select(sub, Gen.OneOf("+", "-", "*"), sub, (a, op, b) => $"({a} {op} {b})");
        var divide = Gen.Select(sub, sub, (a, b) => $"({a} / (1.5 + {b} * {b}))");
        var unary = Gen.Select(Gen.OneOf(
            "Math.Sin({0})", "Math.Cos({0})", "Math.Tanh({0})", "Math.Sqrt(1.0 + {0} * {0})", "Math.Exp(Math.Tanh({0}))",
            "Math.Log(2.0 + {0} * {0})", "Math.Pow(1.2 + {0} * {0}, 1.5)", "Math.Abs({0})", "Math.Atan({0})", "-({0})",
            "Math.Pow({0}, 2)", "Math.Pow({0}, 3)", "Math.Pow(0.5 * {0}, 4)"), sub,
            (f, a) => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, a));
        var two = Gen.Select(Gen.OneOf("Math.Min({0}, {1})", "Math.Max({0}, {1})", "({0} > {1} ? {0} : 2.0 * {1})", "Math.Pow(1.1 + {0} * {0}, 0.5 + 0.1 * {1})"), sub, sub,
            (f, a, b) => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, a, b));
        return Gen.Frequency(W(2, leaf), W(3, binary), W(1, divide), W(2, unary), W(2, two));
    }

    /// <summary>
    /// Random bodies. With <paramref name="local"/>, the local <c>t</c> is a leaf too: its derivative
    /// bindings are where the generator shares repeated subexpressions.
    /// </summary>
    private static Gen<string> Expression(int rank, int depth, bool local = false) => Expression(Leaf(rank, local), depth);

    /// <summary>Leaves of a face flux: the elements of A and B on either side of the face, constants, the scalar.</summary>
    private static readonly Gen<string> FluxLeaf = Gen.Frequency(
        W(8, Gen.OneOf("@aw", "@ae", "@bw", "@be")), W(1, Constant), W(1, Gen.Const("s")));

    /// <summary>Random kernels of rank 1 to 3.</summary>
    public static readonly Gen<RandomKernel> Kernels =
        from rank in Gen.Int[1, 3]
        from deltas in Gen.Int[-1, 1].Array[3 * rank]
        from local in Expression(rank, 2)
        from value in Expression(rank, 3, local: true)
        from read in Leaf(rank)
        select new RandomKernel(rank, deltas, local, $"{read} + {value}");

    /// <summary>Random flux-form kernels of rank 1 to 3: <c>R = (qe - qw) * s + ...</c> with a random face flux.</summary>
    public static readonly Gen<RandomKernel> FluxKernels =
        from rank in Gen.Int[1, 3]
        from deltas in Gen.Int[-1, 1].Array[3 * rank]
        from local in Expression(rank, 2)
        from flux in Expression(FluxLeaf, 3)
        from value in Expression(rank, 2, local: true)
        select new RandomKernel(rank, deltas, local, $"(qe - qw) * s + {value}", flux);

    /// <summary>
    /// The kernel's source, in namespace <c>Random{i}</c>; with <paramref name="single"/>, in single
    /// precision (<c>Field&lt;float&gt;</c>, <c>float s</c>, <c>MathF</c>, <c>1.5f</c>).
    /// </summary>
    public static string Source(RandomKernel kernel, int i, bool single = false)
    {
        string source = Source(kernel, i);
        return single
            ? Regex.Replace(source.Replace("double", "float").Replace("Math.", "MathF."), @"(?<![\w.])(\d+\.\d+)", "$1f")
            : source;
    }

    private static string Source(RandomKernel kernel, int i)
    {
        string indices = string.Join(", ", Enumerable.Range(0, kernel.Rank).Select(a => "I" + "xyz"[a]));
        return $$"""
            using System;
            using Stencil;
            using static Stencil.FiniteDifferences{{kernel.Rank}}D;
            using static Stencil.Indices;
            namespace Random{{i}};
            public static partial class K
            {
                [Stencil] static void M(Field<double> R, Field<double> A, Field<double> B, Field<double> C, double s)
                {
                    var t = {{kernel.Local}};{{FluxLocals(kernel)}}
                    R[{{indices}}] = {{kernel.Value}};
                }
            }
            """;
    }

    /// <summary>The declarations of <c>qw</c> and <c>qe</c> of a flux-form kernel, each on a line of its own; "" for others.</summary>
    private static string FluxLocals(RandomKernel kernel)
    {
        if (kernel.Flux is null) return "";
        string rest = string.Concat(Enumerable.Range(1, kernel.Rank - 1).Select(a => ", I" + "xyz"[a]));
        string At(string field, string x) => $"{field}[{x}{rest}]";
        string Face(string west, string east) => kernel.Flux
            .Replace("@aw", At("A", west)).Replace("@ae", At("A", east)).Replace("@bw", At("B", west)).Replace("@be", At("B", east));
        return $"\n        var qw = {Face("Ix - 1", "Ix")};\n        var qe = {Face("Ix", "Ix + 1")};";
    }

    /// <summary>
    /// Compiles the kernels through the generator in-process (no warnings, no errors), loads the
    /// assembly and returns each kernel's descriptor, in order.
    /// </summary>
    public static DifferentiableKernel<double>[] Compile(RandomKernel[] kernels) => Compile<double>(kernels, out _);

    /// <inheritdoc cref="Compile(RandomKernel[])"/>
    /// <typeparam name="T"><c>double</c>, or <c>float</c> for the kernels in single precision.</typeparam>
    /// <param name="kernels">The kernels.</param>
    /// <param name="generated">The generated source files, one per generated kernel.</param>
    public static DifferentiableKernel<T>[] Compile<T>(RandomKernel[] kernels, out string[] generated) where T : unmanaged
    {
        var sources = kernels.Select((k, i) => Source(k, i, single: typeof(T) == typeof(float))).ToArray();
        var compilation = GeneratorHarness.Compilation(true, sources).WithAssemblyName("RandomKernels" + Guid.NewGuid().ToString("N"));
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        generated = output.SyntaxTrees.Skip(compilation.SyntaxTrees.Count()).Select(t => t.ToString()).ToArray();
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(stream.ToArray()));
        return kernels.Select((_, i) => (DifferentiableKernel<T>)assembly.GetType($"Random{i}.K")!
            .GetProperty("MKernel", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToArray();
    }

    /// <summary>A field of the given extents (rank = their count) holding random values.</summary>
    public static Field<double> Allocate(Backend backend, int[] extents, int seed) => Allocate<double>(backend, extents, seed);

    /// <inheritdoc cref="Allocate(Backend, int[], int)"/>
    public static Field<T> Allocate<T>(Backend backend, int[] extents, int seed) where T : unmanaged
    {
        var values = Values<T>(Grid.Random(extents.Aggregate(1L, (a, b) => a * b), seed));
        return extents.Length switch
        {
            1 => Grid.Upload(backend, values, extents[0]),
            2 => Grid.Upload(backend, values, extents[0], extents[1]),
            _ => Grid.Upload(backend, values, extents[0], extents[1], extents[2]),
        };
    }

    /// <summary>Random values as <typeparamref name="T"/> (double, or float rounded from them).</summary>
    public static T[] Values<T>(double[] values) where T : unmanaged
        => typeof(T) == typeof(float) ? (T[])(object)Array.ConvertAll(values, v => (float)v) : (T[])(object)values;
}
