using System.Globalization;
using System.Text;

namespace Stencil;

/// <summary>
/// Writes cell-centred fields on a uniform grid as a VTK ImageData file (<c>.vti</c>, ASCII) for
/// ParaView. Fields are host arrays, x fastest, all of the grid's extents.
/// </summary>
public static class VtkImageData
{
    /// <summary>Writes <paramref name="fields"/> (name → values) on an nx × ny × nz cell grid with spacings dx, dy, dz.</summary>
    public static void Write(string path, int nx, int ny, int nz, double dx, double dy, double dz, IReadOnlyDictionary<string, double[]> fields)
    {
        long cells = (long)nx * ny * nz;
        foreach (var (name, values) in fields)
            if (values.LongLength != cells)
                throw new ArgumentException($"Field '{name}' has {values.LongLength} values but the grid {nx}x{ny}x{nz} has {cells} cells.");
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("<?xml version=\"1.0\"?>");
        text.AppendLine("<VTKFile type=\"ImageData\" version=\"0.1\" byte_order=\"LittleEndian\">");
        text.AppendLine(string.Format(inv, "  <ImageData WholeExtent=\"0 {0} 0 {1} 0 {2}\" Origin=\"0 0 0\" Spacing=\"{3} {4} {5}\">", nx, ny, nz, dx, dy, dz));
        text.AppendLine(string.Format(inv, "    <Piece Extent=\"0 {0} 0 {1} 0 {2}\">", nx, ny, nz));
        text.AppendLine("      <CellData>");
        foreach (var (name, values) in fields)
        {
            text.AppendLine($"        <DataArray type=\"Float64\" Name=\"{name}\" format=\"ascii\">");
            for (long i = 0; i < values.LongLength; i++)
            {
                text.Append(values[i].ToString("R", inv));
                text.Append(i % 8 == 7 ? '\n' : ' ');
            }
            text.AppendLine();
            text.AppendLine("        </DataArray>");
        }
        text.AppendLine("      </CellData>");
        text.AppendLine("    </Piece>");
        text.AppendLine("  </ImageData>");
        text.AppendLine("</VTKFile>");
        File.WriteAllText(path, text.ToString());
    }
}
