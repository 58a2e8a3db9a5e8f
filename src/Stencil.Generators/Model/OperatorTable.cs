using System.Collections.Generic;
using System.Linq;

namespace Stencil.Generators.Model;

/// <summary>What an operator computes from the points its axes select.</summary>
internal enum OperatorKind
{
    Select,
    Difference,
    SecondDifference,
    Average,
    HarmonicAverage,
    MaxLoc,
    MinLoc,
}

/// <summary>
/// One finite-difference operator. <see cref="Axes"/> has one character per axis (x, y, z):
/// <c>-</c> all points (offset 0), <c>i</c> inner points (offset 1, two shorter),
/// <c>a</c> adjacent pair (offsets 0 and 1, one shorter), <c>c</c> centred triple (offsets 0, 1, 2, two shorter).
/// </summary>
internal sealed record OperatorSpec(string Name, int Rank, OperatorKind Kind, string Axes)
{
    /// <summary>The last offset of the footprint along an axis: the field must reach this far past the point.</summary>
    public int Reach(int axis) => axis >= Axes.Length ? 0 : Axes[axis] switch { '-' => 0, 'a' => 1, _ => 2 };

    public bool IsSelection => Kind == OperatorKind.Select;
}

/// <summary>
/// ParallelStencil's FiniteDifferences1D/2D/3D, one line per operator. The parser expands calls
/// from this table; Stencil.Dsl declares the same names (a test keeps the two in step).
/// </summary>
internal static class OperatorTable
{
    private const OperatorKind Sel = OperatorKind.Select, D = OperatorKind.Difference, D2 = OperatorKind.SecondDifference,
        Av = OperatorKind.Average, Harm = OperatorKind.HarmonicAverage, Max = OperatorKind.MaxLoc, Min = OperatorKind.MinLoc;

    public static readonly IReadOnlyList<OperatorSpec> All = new OperatorSpec[]
    {
        new("All",     1, Sel,  "-"),   new("Inn",    1, Sel, "i"),
        new("D",       1, D,    "a"),   new("D2",     1, D2,  "c"),
        new("Av",      1, Av,   "a"),   new("Harm",   1, Harm, "a"),
        new("MaxLoc",  1, Max,  "c"),   new("MinLoc", 1, Min, "c"),

        new("All",     2, Sel,  "--"),  new("Inn",    2, Sel,  "ii"), new("InnX",   2, Sel,  "i-"), new("InnY",   2, Sel,  "-i"),
        new("DXa",     2, D,    "a-"),  new("DYa",    2, D,    "-a"), new("DXi",    2, D,    "ai"), new("DYi",    2, D,    "ia"),
        new("D2Xa",    2, D2,   "c-"),  new("D2Ya",   2, D2,   "-c"), new("D2Xi",   2, D2,   "ci"), new("D2Yi",   2, D2,   "ic"),
        new("Av",      2, Av,   "aa"),  new("AvXa",   2, Av,   "a-"), new("AvYa",   2, Av,   "-a"), new("AvXi",   2, Av,   "ai"), new("AvYi",   2, Av,   "ia"),
        new("Harm",    2, Harm, "aa"),  new("HarmXa", 2, Harm, "a-"), new("HarmYa", 2, Harm, "-a"), new("HarmXi", 2, Harm, "ai"), new("HarmYi", 2, Harm, "ia"),
        new("MaxLoc",  2, Max,  "cc"),  new("MinLoc", 2, Min,  "cc"),

        new("All",     3, Sel,  "---"), new("Inn",    3, Sel,  "iii"),
        new("InnX",    3, Sel,  "i--"), new("InnY",   3, Sel,  "-i-"), new("InnZ",   3, Sel,  "--i"),
        new("InnXY",   3, Sel,  "ii-"), new("InnXZ",  3, Sel,  "i-i"), new("InnYZ",  3, Sel,  "-ii"),
        new("DXa",     3, D,    "a--"), new("DYa",    3, D,    "-a-"), new("DZa",    3, D,    "--a"),
        new("DXi",     3, D,    "aii"), new("DYi",    3, D,    "iai"), new("DZi",    3, D,    "iia"),
        new("D2Xi",    3, D2,   "cii"), new("D2Yi",   3, D2,   "ici"), new("D2Zi",   3, D2,   "iic"),
        new("Av",      3, Av,   "aaa"),
        new("AvXa",    3, Av,   "a--"), new("AvYa",   3, Av,   "-a-"), new("AvZa",   3, Av,   "--a"),
        new("AvXi",    3, Av,   "aii"), new("AvYi",   3, Av,   "iai"), new("AvZi",   3, Av,   "iia"),
        new("AvXya",   3, Av,   "aa-"), new("AvXza",  3, Av,   "a-a"), new("AvYza",  3, Av,   "-aa"),
        new("AvXyi",   3, Av,   "aai"), new("AvXzi",  3, Av,   "aia"), new("AvYzi",  3, Av,   "iaa"),
        new("Harm",    3, Harm, "aaa"),
        new("HarmXa",  3, Harm, "a--"), new("HarmYa", 3, Harm, "-a-"), new("HarmZa", 3, Harm, "--a"),
        new("HarmXi",  3, Harm, "aii"), new("HarmYi", 3, Harm, "iai"), new("HarmZi", 3, Harm, "iia"),
        new("HarmXya", 3, Harm, "aa-"), new("HarmXza", 3, Harm, "a-a"), new("HarmYza", 3, Harm, "-aa"),
        new("HarmXyi", 3, Harm, "aai"), new("HarmXzi", 3, Harm, "aia"), new("HarmYzi", 3, Harm, "iaa"),
        new("MaxLoc",  3, Max,  "ccc"), new("MinLoc", 3, Min,  "ccc"),
    };

    private static readonly Dictionary<(string, int), OperatorSpec> s_byName = All.ToDictionary(o => (o.Name, o.Rank));

    public static OperatorSpec? Find(string name, int rank) => s_byName.TryGetValue((name, rank), out var op) ? op : null;
}
