using ScottPlot;

namespace Geothermal2D;

/// <summary>PNG figures of the case: heatmaps on the physical domain, and the convergence of the cost.</summary>
public static class Plots
{
    public static void Heatmap(string path, string title, double[] values, int nx, int ny, double lx, double ly, (double X, double Y)[]? points = null, (double Min, double Max)? range = null)
    {
        var data = new double[ny, nx];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                data[ny - 1 - j, i] = values[i + nx * j];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.Extent = new CoordinateRect(0, lx, 0, ly);
        if (range is { } r) heatmap.ManualRange = new ScottPlot.Range(r.Min, r.Max);
        plot.Add.ColorBar(heatmap);
        if (points is not null)
        {
            var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            markers.Color = Colors.White;
            markers.MarkerSize = 6;
        }
        plot.Title(title);
        plot.Axes.SquareUnits();
        plot.SavePng(path, 1000, 560);
    }

    public static void Convergence(string path, IReadOnlyList<double> costs)
    {
        var plot = new Plot();
        var xs = Enumerable.Range(0, costs.Count).Select(i => (double)i).ToArray();
        var ys = costs.Select(c => Math.Log10(c / costs[0])).ToArray();
        plot.Add.Scatter(xs, ys);
        plot.Title("Inversion: log10(J / J0)");
        plot.XLabel("L-BFGS iteration");
        plot.YLabel("log10(J / J0)");
        plot.SavePng(path, 800, 500);
    }
}
