using ScottPlot;
using Stencil;

namespace Geothermal2D;

/// <summary>The run's figures (PNG heatmaps on the physical domain, the convergence of J) and its ParaView file.</summary>
public static class Outputs
{
    /// <summary>Writes the outputs from the gathered fields; returns the mean recovered log10 K inside the true barrier and in a band around it.</summary>
    public static (double Inside, double Around) Write(Case c, string folder, double[] log10K, double[] pressure, double[] qx, double[] qy, (int I, int J)[] observed, IReadOnlyList<double> costs)
    {
        int n = c.NxGlobal, m = c.NyGlobal;
        var trueLog10K = Enumerable.Range(0, n * m).Select(p => Math.Log10(c.TruePermeability(p % n, p / n))).ToArray();
        // |q| at cell centres from the mean of each cell's two faces per axis.
        var qMagnitude = Enumerable.Range(0, n * m).Select(p => (I: p % n, J: p / n)).Select(p => Math.Sqrt(
            Square(0.5 * (qx[p.I + (n + 1) * p.J] + qx[p.I + 1 + (n + 1) * p.J])) + Square(0.5 * (qy[p.I + n * p.J] + qy[p.I + n * (p.J + 1)])))).ToArray();
        var points = observed.Select(o => ((o.I + 0.5) * c.Dx, (o.J + 0.5) * c.Dy)).ToArray();
        Heatmap(Path.Combine(folder, "log10K_true.png"), "true log10(K)", trueLog10K, n, m, points, (-6, 0));
        Heatmap(Path.Combine(folder, "log10K_recovered.png"), "recovered log10(K)", log10K, n, m, points);
        Heatmap(Path.Combine(folder, "pressure.png"), "pressure Pf (recovered K)", pressure, n, m);
        Heatmap(Path.Combine(folder, "flux_magnitude.png"), "|q| (recovered K)", qMagnitude, n, m);
        var plot = new Plot();
        plot.Add.Scatter(Enumerable.Range(0, costs.Count).Select(i => (double)i).ToArray(), costs.Select(j => Math.Log10(j / costs[0])).ToArray());
        plot.Title("Inversion: log10(J / J0)");
        plot.XLabel("L-BFGS iteration");
        plot.YLabel("log10(J / J0)");
        plot.SavePng(Path.Combine(folder, "convergence.png"), 800, 500);
        VtkImageData.Write(Path.Combine(folder, "fields.vti"), n, m, 1, c.Dx, c.Dy, 1, new Dictionary<string, double[]>
        {
            ["log10K_true"] = trueLog10K,
            ["log10K_recovered"] = log10K,
            ["Pf"] = pressure,
            ["q_magnitude"] = qMagnitude,
        });
        // The band around the barrier: cells within 0.2 lx of the centre along x and 0.35 ly of 0.55 ly along y, outside it.
        var barrier = trueLog10K.Select(v => v < -3).ToArray();
        var band = Enumerable.Range(0, n * m).Where(p => !barrier[p] && Math.Abs((p % n + 0.5) * c.Dx - Case.Lx / 2) < 0.2 * Case.Lx && Math.Abs((p / n + 0.5) * c.Dy - 0.55 * Case.Ly) < 0.35 * Case.Ly);
        return (Enumerable.Range(0, n * m).Where(p => barrier[p]).Average(p => log10K[p]), band.Average(p => log10K[p]));
    }

    private static double Square(double v) => v * v;

    private static void Heatmap(string path, string title, double[] values, int nx, int ny, (double X, double Y)[]? points = null, (double Min, double Max)? range = null)
    {
        var data = new double[ny, nx];
        for (int p = 0; p < nx * ny; p++)
            data[ny - 1 - p / nx, p % nx] = values[p];   // row 0 is the top of the image
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.Extent = new CoordinateRect(0, Case.Lx, 0, Case.Ly);
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
}
