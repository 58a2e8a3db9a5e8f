using ScottPlot;

namespace Geothermal3D;

/// <summary>PNG figures: slices of the box with labelled colour bars and marked boreholes and wells, and the cost history.</summary>
public static class Plots3D
{
    /// <summary>A slice of <paramref name="values"/> (row-major, x fastest, <paramref name="nx"/> x <paramref name="ny"/>) over [0, lx] x [0, ly].</summary>
    public static void Slice(string path, string title, string colourLabel, string yLabel, double[] values, int nx, int ny, double lx, double ly,
        (double Min, double Max) range, params (string Label, Color Color, MarkerShape Shape, (double X, double Y)[] Points)[] markers)
    {
        var data = new double[ny, nx];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                data[ny - 1 - j, i] = values[i + nx * j];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.Extent = new CoordinateRect(0, lx, 0, ly);
        heatmap.ManualRange = new ScottPlot.Range(range.Min, range.Max);
        plot.Add.ColorBar(heatmap).Label = colourLabel;
        foreach (var (label, color, shape, points) in markers)
        {
            var dots = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            dots.Color = color;
            dots.MarkerShape = shape;
            dots.MarkerSize = 9;
            dots.LegendText = label;
        }
        if (markers.Length > 0) plot.ShowLegend(Alignment.LowerLeft);
        plot.Title(title);
        plot.XLabel("x (nondimensional)");
        plot.YLabel(yLabel);
        plot.Axes.SquareUnits();
        plot.SavePng(path, 1000, 620);
    }

    public static void Convergence(string path, IReadOnlyList<double> costs)
    {
        var plot = new Plot();
        plot.Add.Scatter(Enumerable.Range(0, costs.Count).Select(i => (double)i).ToArray(), costs.Select(c => Math.Log10(c / costs[0])).ToArray());
        plot.Title("Inversion of log K: misfit");
        plot.XLabel("L-BFGS iteration");
        plot.YLabel("log10(J / J0)");
        plot.SavePng(path, 800, 500);
    }
}
