using ScottPlot;

namespace Stencil.Plots;

/// <summary>How <see cref="Figures.Map"/> draws a field: labels, colours, marked points and the image size.</summary>
public sealed record MapStyle
{
    /// <summary>The colour bar's label (none if null).</summary>
    public string? ColourLabel { get; init; }

    /// <summary>The axes' labels (none if null).</summary>
    public string? XLabel { get; init; }

    /// <inheritdoc cref="XLabel"/>
    public string? YLabel { get; init; }

    /// <summary>The values the colour range spans; the field's own range if null. Fix it to compare maps.</summary>
    public (double Min, double Max)? Range { get; init; }

    /// <summary>The colour map (default Turbo; Balance suits signed values around 0).</summary>
    public IColormap Colormap { get; init; } = new ScottPlot.Colormaps.Turbo();

    /// <summary>The colour of NaN values, e.g. points outside the region of interest (transparent if null).</summary>
    public Color? NaNColour { get; init; }

    /// <summary>Points drawn over the map; those with a label are named in a legend.</summary>
    public IReadOnlyList<MapMarkers> Markers { get; init; } = [];

    /// <summary>Where the legend goes.</summary>
    public Alignment LegendAlignment { get; init; } = Alignment.UpperRight;

    /// <summary>The image size in pixels.</summary>
    public int Width { get; init; } = 1000;

    /// <inheritdoc cref="Width"/>
    public int Height { get; init; } = 560;
}

/// <summary>Points to mark on a map (in the domain's coordinates), and how.</summary>
public sealed record MapMarkers((double X, double Y)[] Points, Color Colour)
{
    /// <summary>The legend's name for them (not in the legend if null).</summary>
    public string? Label { get; init; }

    /// <summary>The marker's shape.</summary>
    public MarkerShape Shape { get; init; } = MarkerShape.FilledCircle;

    /// <summary>The marker's size in pixels.</summary>
    public float Size { get; init; } = 6;
}
