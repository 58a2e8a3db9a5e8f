using System.Globalization;
using System.Text;

namespace System.Runtime.CompilerServices;

/// <summary>
/// The handler the compiler uses for every interpolated string of this assembly (netstandard2.0
/// has none of its own): it formats numbers with the invariant culture, so generated code is the
/// same whatever the culture of the compiler process (under fi-FI, -1 would become U+2212 1).
/// </summary>
[InterpolatedStringHandler]
internal ref struct DefaultInterpolatedStringHandler
{
    private readonly StringBuilder _text;

    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + 8 * formattedCount);

    public void AppendLiteral(string value) => _text.Append(value);

    public void AppendFormatted(string? value) => _text.Append(value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        string text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "";
        if (alignment > 0) _text.Append(' ', Math.Max(0, alignment - text.Length)).Append(text);
        else _text.Append(text).Append(' ', Math.Max(0, -alignment - text.Length));
    }

    public string ToStringAndClear()
    {
        string text = _text.ToString();
        _text.Clear();
        return text;
    }
}
