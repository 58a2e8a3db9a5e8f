using ScottPlot;

namespace ShallowIce2D;

/// <summary>PNG figures: maps over the domain with labelled colour bars, and the cost history.</summary>
public static class Plots
{
    /// <summary>A map of <paramref name="values"/> (x fastest; NaN cells grey) on the given colour range; <paramref name="diverging"/> for signed values around 0; <paramref name="markers"/> marks points, named in a legend.</summary>
    public static void Map(string path, string title, string colourLabel, double[] values, int n, double lx, double ly, (double Min, double Max) range, bool diverging = false, (string Label, (double X, double Y)[] Points)? markers = null)
    {
        var data = new double[n, n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                data[n - 1 - j, i] = values[i + n * j];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = diverging ? new ScottPlot.Colormaps.Balance() : new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(0, lx, 0, ly);
        heatmap.ManualRange = new ScottPlot.Range(range.Min, range.Max);
        heatmap.NaNCellColor = Colors.LightGray;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colourLabel;
        if (markers is { } m)
        {
            var dots = plot.Add.Markers(m.Points.Select(p => p.X).ToArray(), m.Points.Select(p => p.Y).ToArray());
            dots.Color = Colors.Red;
            dots.MarkerShape = MarkerShape.OpenCircle;
            dots.MarkerSize = 5;
            dots.LegendText = m.Label;
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Title(title);
        plot.XLabel("x (nondimensional length)");
        plot.YLabel("y (nondimensional length)");
        plot.Axes.SquareUnits();
        plot.SavePng(path, 760, 620);
    }

    public static void Convergence(string path, IReadOnlyList<double> costs)
    {
        var plot = new Plot();
        var xs = Enumerable.Range(0, costs.Count).Select(i => (double)i).ToArray();
        var ys = costs.Select(c => Math.Log10(c / costs[0])).ToArray();
        plot.Add.Scatter(xs, ys);
        plot.Title("Inversion of β: misfit");
        plot.XLabel("L-BFGS iteration");
        plot.YLabel("log10(J / J0)");
        plot.SavePng(path, 800, 500);
    }
}
