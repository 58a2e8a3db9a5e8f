using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Field elements in ILGPU kernels: views indexed x fastest (<c>K[(long)(iy + 1) * K_nx + ix]</c>),
/// in 64-bit arithmetic, as the CPU kernels, so that fields of more than 2^31 elements (a 1300^3
/// grid of doubles, 17.6 GB, fits on one H200) are addressed correctly.
/// </summary>
internal sealed class IlgpuExpressionWriter : ExpressionWriter
{
    public IlgpuExpressionWriter(int rank)
        : base(rank)
    {
    }

    protected override string Element(string array, string field, Int3 o)
    {
        string linear = Rank switch
        {
            1 => $"ix{Plus(o.X)}",
            2 => $"(long){Shifted("iy", o.Y)} * {field}_nx + ix{Plus(o.X)}",
            _ => $"((long){Shifted("iz", o.Z)} * {field}_ny + iy{Plus(o.Y)}) * {field}_nx + ix{Plus(o.X)}",
        };
        return $"{array}[{linear}]";
    }

    protected override string Box(int statement) => $"args.S{statement}";

    protected override string Extent(string field, int axis) => $"{field}_n{"xyz"[axis]}";
}
