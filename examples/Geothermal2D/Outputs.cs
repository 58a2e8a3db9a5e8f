using ScottPlot;
using Stencil;
using Stencil.Plots;

namespace Geothermal2D;

/// <summary>The run's figures (maps on the physical domain, the convergence of J) and its ParaView file.</summary>
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
        var map = new MapStyle { XLabel = "x (nondimensional)", YLabel = "y (nondimensional)" };
        var wells = map with { ColourLabel = "log10 K", Markers = [new MapMarkers(points, Colors.White)] };
        Figures.Map(Path.Combine(folder, "log10K_true.png"), "true log10(K), white: observation cells", trueLog10K, n, m, Case.Lx, Case.Ly, wells with { Range = (-6, 0) });
        Figures.Map(Path.Combine(folder, "log10K_recovered.png"), "recovered log10(K), white: observation cells", log10K, n, m, Case.Lx, Case.Ly, wells);
        Figures.Map(Path.Combine(folder, "pressure.png"), "pressure Pf (recovered K)", pressure, n, m, Case.Lx, Case.Ly, map with { ColourLabel = "Pf − mean(Pf)" });
        Figures.Map(Path.Combine(folder, "flux_magnitude.png"), "|q| (recovered K)", qMagnitude, n, m, Case.Lx, Case.Ly, map with { ColourLabel = "|q|" });
        Figures.Convergence(Path.Combine(folder, "convergence.png"), costs);
        VtkImageData.Write(Path.Combine(folder, "fields.vti"), n, m, 1, c.Dx, c.Dy, 1,
            new Dictionary<string, double[]> { ["log10K_true"] = trueLog10K, ["log10K_recovered"] = log10K, ["Pf"] = pressure, ["q_magnitude"] = qMagnitude });
        // The band around the barrier: cells within 0.2 lx of the centre along x and 0.35 ly of 0.55 ly along y, outside it.
        var barrier = trueLog10K.Select(v => v < -3).ToArray();
        var band = Enumerable.Range(0, n * m).Where(p => !barrier[p] && Math.Abs((p % n + 0.5) * c.Dx - Case.Lx / 2) < 0.2 * Case.Lx && Math.Abs((p / n + 0.5) * c.Dy - 0.55 * Case.Ly) < 0.35 * Case.Ly);
        return (Enumerable.Range(0, n * m).Where(p => barrier[p]).Average(p => log10K[p]), band.Average(p => log10K[p]));
    }

    private static double Square(double v) => v * v;
}
