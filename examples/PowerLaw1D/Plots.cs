using ScottPlot;

namespace PowerLaw1D;

/// <summary>PNG figures: profiles against x with a legend.</summary>
public static class Plots
{
    /// <summary>Curves over x: references (the start, the truth) as lines, the result as markers only, so that a line under it stays visible.</summary>
    public static void Profiles(string path, string title, string yLabel, Alignment legend, double[] x, params (string Label, double[] Values, bool Reference)[] curves)
    {
        var plot = new Plot();
        foreach (var (label, values, reference) in curves)
        {
            var line = plot.Add.Scatter(x, values);
            line.LegendText = label;
            line.MarkerSize = reference ? 0 : 5;
            line.LineWidth = reference ? 2 : 0;
        }
        plot.Title(title);
        plot.XLabel("x (nondimensional)");
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        plot.SavePng(path, 800, 500);
    }
}
