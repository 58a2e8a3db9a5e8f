using ScottPlot;

namespace Stencil.Plots;

/// <summary>PNG figures of a run: maps of fields over the physical domain, and the convergence of an inversion.</summary>
public static class Figures
{
    /// <summary>
    /// A map of <paramref name="values"/>, <paramref name="nx"/> x <paramref name="ny"/> points with x
    /// fastest (a gathered 2D field, or a slice of a 3D one), over [0, <paramref name="lx"/>] x
    /// [0, <paramref name="ly"/>] with equal scales on both axes, y upwards, and a colour bar.
    /// </summary>
    public static void Map(string path, string title, double[] values, int nx, int ny, double lx, double ly, MapStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)nx * ny)
            throw new ArgumentException($"The map has {nx} x {ny} points but {values.Length} values: give one value per point, x fastest.", nameof(values));
        style ??= new MapStyle();
        var data = new double[ny, nx];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                data[ny - 1 - j, i] = values[i + nx * j];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = style.Colormap;
        heatmap.Extent = new CoordinateRect(0, lx, 0, ly);
        if (style.Range is { } range) heatmap.ManualRange = new ScottPlot.Range(range.Min, range.Max);
        if (style.NaNColour is { } nan) heatmap.NaNCellColor = nan;
        var bar = plot.Add.ColorBar(heatmap);
        if (style.ColourLabel is not null) bar.Label = style.ColourLabel;
        foreach (var marked in style.Markers)
        {
            var markers = plot.Add.Markers(marked.Points.Select(p => p.X).ToArray(), marked.Points.Select(p => p.Y).ToArray());
            markers.Color = marked.Colour;
            markers.MarkerShape = marked.Shape;
            markers.MarkerSize = marked.Size;
            if (marked.Label is not null) markers.LegendText = marked.Label;
        }
        if (style.Markers.Any(m => m.Label is not null)) plot.ShowLegend(style.LegendAlignment);
        plot.Title(title);
        if (style.XLabel is not null) plot.XLabel(style.XLabel);
        if (style.YLabel is not null) plot.YLabel(style.YLabel);
        plot.Axes.SquareUnits();
        plot.SavePng(path, style.Width, style.Height);
    }

    /// <summary>log10(J / J0) against the iteration: the convergence of an inversion's cost history.</summary>
    public static void Convergence(string path, IReadOnlyList<double> costs, string title = "Inversion: log10(J / J0)")
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Count == 0)
            throw new ArgumentException("The cost history is empty: there is nothing to plot.", nameof(costs));
        var plot = new Plot();
        plot.Add.Scatter(Enumerable.Range(0, costs.Count).Select(i => (double)i).ToArray(), costs.Select(c => Math.Log10(Math.Max(c / costs[0], 1e-300))).ToArray());
        plot.Title(title);
        plot.XLabel("L-BFGS iteration");
        plot.YLabel("log10(J / J0)");
        plot.SavePng(path, 800, 500);
    }
}
