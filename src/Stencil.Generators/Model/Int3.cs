namespace Stencil.Generators.Model;

/// <summary>A constant integer triple: an offset or window bound per axis (x, y, z).</summary>
internal readonly record struct Int3(int X, int Y, int Z)
{
    public static readonly Int3 Zero = new(0, 0, 0);

    public int this[int axis] => axis switch { 0 => X, 1 => Y, _ => Z };

    public Int3 With(int axis, int value) => axis switch
    {
        0 => this with { X = value },
        1 => this with { Y = value },
        _ => this with { Z = value },
    };

    public override string ToString() => $"({X}, {Y}, {Z})";
}
