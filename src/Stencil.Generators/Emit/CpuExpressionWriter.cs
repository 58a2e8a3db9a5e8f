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
    /// instead: for masked vectors, which load, then discard, what such a row would hold. Each
    /// clamped index (<c>{field}_iy1</c>, one per field, axis and shift) is declared once, before the
    /// pointers: each inlined clamp adds locals, and with two per pointer the 3D Stokes velocity
    /// gathers' vector methods and its viscosity gather's end vector (a hundred row pointers) kept
    /// 1-2 calls past the JIT's limit on locals; declared once, none (see <c>AdjointEmitter.EmitCpuLoop</c>).
    /// </summary>
    public static void EmitRowPointers(SourceWriter w, KernelSpec kernel, IEnumerable<(string Array, Int3 Offset)> elements, bool clamped = false)
    {
        if (kernel.Rank == 1) return;
        var rows = elements.Select(e => (e.Array, e.Offset.Y, e.Offset.Z)).Distinct().ToList();
        var declared = new HashSet<string>();
        string Index(string field, string index, int shift, string extent)
        {
            string shifted = Shifted(index, shift);
            if (!clamped) return shifted;
            string name = $"{field}_{index}{Signed(shift)}";
            if (declared.Add(name)) w.Line($"int {name} = StencilServices::Launch.Clamp({shifted.Trim('(', ')')}, {field}_{extent});");
            return name;
        }
        var offsets = new List<string>();
        foreach (var (array, y, z) in rows)
        {
            string field = array.EndsWith("_bar", System.StringComparison.Ordinal) ? array.Substring(0, array.Length - 4) : array;
            offsets.Add(kernel.Rank == 2
                ? $"(long){Index(field, "iy", y, "ny")} * {field}_nx"
                : $"((long){Index(field, "iz", z, "nz")} * {field}_ny + {Index(field, "iy", y, "ny")}) * {field}_nx");
        }
        for (int r = 0; r < rows.Count; r++)
            w.Line($"{kernel.ElementKeyword}* {RowName(rows[r].Array, rows[r].Y, rows[r].Z, kernel.Rank)} = {rows[r].Array} + {offsets[r]};");
    }

    protected override string Element(string array, string field, Int3 offset)
        => $"{Row(array, offset)}[ix{Plus(offset.X)}]";

    /// <summary>The address of an element: <c>T_y1z1 + ix + 1</c>.</summary>
    public string Address(string array, Int3 offset) => $"{Row(array, offset)} + ix{Plus(offset.X)}";

    public string Row(string array, Int3 offset) => Rank == 1 ? array : RowName(array, offset.Y, offset.Z, Rank);

    protected override string Extent(string field, int axis) => $"{field}_n{"xyz"[axis]}";

    public static string Signed(int value) => value < 0 ? "m" + (-value) : value.ToString(CultureInfo.InvariantCulture);
}
