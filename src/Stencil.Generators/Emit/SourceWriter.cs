using System.Text;

namespace Stencil.Generators.Emit;

/// <summary>Builds C# source with four-space indentation.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', 4 * _indent).Append(line);
        _text.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    /// <summary>Opens a bare block: a scope for the locals of one statement.</summary>
    public void OpenBlock()
    {
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>A writer for text to be appended here later, at this writer's indentation.</summary>
    public SourceWriter Nested() => new() { _indent = _indent };

    /// <summary>Appends what a <see cref="Nested"/> writer wrote.</summary>
    public void Append(SourceWriter nested) => _text.Append(nested._text);

    public override string ToString() => _text.ToString();
}
