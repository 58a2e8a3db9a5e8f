using Stencil.Plots;

namespace Stencil.Tests;

/// <summary>The plots package: maps and convergence figures are PNGs of the asked size; bad input is refused with what to give.</summary>
public sealed class FiguresTests
{
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void A_map_and_a_convergence_figure_are_PNGs_of_the_asked_size()
    {
        string folder = Directory.CreateTempSubdirectory("stencil-figures-").FullName;
        var values = Enumerable.Range(0, 12 * 5).Select(p => p % 12 == 3 ? double.NaN : Math.Sin(p)).ToArray();
        var style = new MapStyle { ColourLabel = "u", XLabel = "x", YLabel = "y", Range = (-1, 1), NaNColour = ScottPlot.Colors.Gray, Width = 400, Height = 300, Markers = [new MapMarkers([(0.5, 0.2)], ScottPlot.Colors.White) { Label = "well" }] };
        Figures.Map(Path.Combine(folder, "map.png"), "a map", values, 12, 5, 2.4, 1, style);
        PngSize(Path.Combine(folder, "map.png")).ShouldBe((400, 300));
        Figures.Convergence(Path.Combine(folder, "convergence.png"), [1, 0.1, 0.0]);
        PngSize(Path.Combine(folder, "convergence.png")).ShouldBe((800, 500));
    }

    [Fact]
    public void Values_that_do_not_fill_the_map_and_an_empty_history_are_refused()
    {
        string path = Path.Combine(Path.GetTempPath(), $"stencil-figure-{Guid.NewGuid():N}.png");
        Should.Throw<ArgumentException>(() => Figures.Map(path, "t", new double[10], 4, 3, 1, 1)).Message.ShouldContain("4 x 3 points but 10 values");
        Should.Throw<ArgumentException>(() => Figures.Convergence(path, [])).Message.ShouldContain("empty");
        File.Exists(path).ShouldBeFalse();
    }
}
