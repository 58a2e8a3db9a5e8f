using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Field elements in native CPU kernels: through row pointers (<c>K_y1[ix + 1]</c>) set once per
/// row, so the x loop indexes with unit stride. Adjoint arrays are <c>{field}_bar</c>.
/// </summary>
internal sealed class CpuExpressionWriter : ExpressionWriter
{
    public CpuExpressionWriter(int rank)
        : base(rank)
    {
    }

    public static string RowName(string array, int y, int z, int rank)
        => rank == 2 ? $"{array}_y{Signed(y)}" : $"{array}_y{Signed(y)}z{Signed(z)}";

    /// <summary>
    /// Declares the row pointer of every (array, y, z) that the given elements use. A
    /// <paramref name="clamped"/> row index is kept inside its array (arrays of a staggered grid
    /// differ in size), so that a pointer to a row past the array's edge points to its edge row
    /// instead: for masked vectors, which load, then discard, what such a row would hold.
    /// </summary>
    public static void EmitRowPointers(SourceWriter w, KernelSpec kernel, IEnumerable<(string Array, Int3 Offset)> elements, bool clamped = false)
    {
        if (kernel.Rank == 1) return;
        foreach (var (array, y, z) in elements.Select(e => (e.Array, e.Offset.Y, e.Offset.Z)).Distinct())
        {
            string field = array.EndsWith("_bar", System.StringComparison.Ordinal) ? array.Substring(0, array.Length - 4) : array;
            string Index(string index, int shift, string extent)
            {
                string shifted = Shifted(index, shift);
                return clamped ? $"global::Stencil.Launch.Clamp({shifted.Trim('(', ')')}, {field}_{extent})" : shifted;
            }
            string offset = kernel.Rank == 2
                ? $"(long){Index("iy", y, "ny")} * {field}_nx"
                : $"((long){Index("iz", z, "nz")} * {field}_ny + {Index("iy", y, "ny")}) * {field}_nx";
            w.Line($"{kernel.ElementKeyword}* {RowName(array, y, z, kernel.Rank)} = {array} + {offset};");
        }
    }

    protected override string Element(string array, string field, Int3 offset)
        => $"{Row(array, offset)}[ix{Plus(offset.X)}]";

    /// <summary>The address of an element: <c>T_y1z1 + ix + 1</c>.</summary>
    public string Address(string array, Int3 offset) => $"{Row(array, offset)} + ix{Plus(offset.X)}";

    public string Row(string array, Int3 offset) => Rank == 1 ? array : RowName(array, offset.Y, offset.Z, Rank);

    protected override string Extent(string field, int axis) => $"{field}_n{"xyz"[axis]}";

    public static string Signed(int value) => value < 0 ? "m" + (-value) : value.ToString(CultureInfo.InvariantCulture);
}
