using ScottPlot;

namespace ShallowIce2D;

/// <summary>PNG figures: maps over the domain with labelled colour bars, and the cost history.</summary>
public static class Plots
{
    /// <summary>A map of <paramref name="values"/> (x fastest; NaN cells are left blank) on the given colour range.</summary>
    public static void Map(string path, string title, string colourLabel, double[] values, int n, double lx, double ly, (double Min, double Max) range)
    {
        var data = new double[n, n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                data[n - 1 - j, i] = values[i + n * j];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(0, lx, 0, ly);
        heatmap.ManualRange = new ScottPlot.Range(range.Min, range.Max);
        heatmap.NaNCellColor = Colors.LightGray;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colourLabel;
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
