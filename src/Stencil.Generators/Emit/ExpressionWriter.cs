using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Writes a model expression as C#. Backends differ only in how a field read, an index, an extent
/// and a scalar are spelled; parentheses follow C# precedence and keep the source's evaluation order.
/// </summary>
internal abstract class ExpressionWriter
{
    protected ExpressionWriter(int rank) => Rank = rank;

    protected int Rank { get; }

    public string Write(Expr expr) => Write(expr, 0);

    /// <summary>The element an access denotes, as an assignable expression.</summary>
    public string Location(Access access) => Read(access);

    /// <summary>The element of a field's adjoint array, as an assignable expression.</summary>
    public string AdjointLocation(Access access) => Element(access.Field + "_bar", access.Field, access.Offset);

    /// <summary>The element of another array with the field's extents (<paramref name="array"/>, e.g. a fused step's state) at the access's point.</summary>
    public string PartnerLocation(string array, Access access) => Element(array, access.Field, access.Offset);

    protected string Read(Access access) => Element(access.Field, access.Field, access.Offset);

    /// <summary>
    /// Lets a writer load, before code that evaluates <paramref name="roots"/> (in a scope of its
    /// own), the field elements they read more than once; none by default.
    /// </summary>
    public virtual void LoadOnce(SourceWriter w, IEnumerable<Expr> roots)
    {
    }

    /// <summary>Ends what <see cref="LoadOnce"/> loaded.</summary>
    public virtual void ForgetLoads()
    {
    }

    /// <summary>A field element's value where an expression reads it: the element itself, or a local that holds it.</summary>
    protected virtual string ReadValue(Access access) => Read(access);

    /// <summary>An element of <paramref name="array"/>, which has the extents of <paramref name="field"/>.</summary>
    protected abstract string Element(string array, string field, Int3 offset);

    /// <summary>How a kernel refers to a forward statement's box.</summary>
    protected virtual string Box(int statement) => $"S{statement}";

    protected virtual string Index(int axis) => "i" + "xyz"[axis];

    protected abstract string Extent(string field, int axis);

    protected virtual string Scalar(string name) => name;

    private string Write(Expr expr, int parentPrecedence)
    {
        var (text, precedence) = expr switch
        {
            ConstantExpr c => (Constant(c), c.Value < 0 ? 7 : 8),
            ReadExpr r => (ReadValue(r.Access), 8),
            AdjointReadExpr a => (AdjointLocation(a.Access), 8),
            InBoxExpr b => ($"{Box(b.Statement)}.Contains({Point(b.Shift)})", 8),
            InExtentExpr e => (InExtent(e), 2),
            ScalarExpr s => (Scalar(s.Name), 8),
            LocalExpr l => (l.Name, 8),
            IndexExpr i => (Index(i.Axis), 8),
            ExtentExpr e => (Extent(e.Field, e.Axis), 8),
            UnaryExpr u => (u.Operator + Write(u.Operand, 8), 7),
            CastExpr c => ($"({Keyword(c.Type)}){Write(c.Operand, 8)}", 7),
            CallExpr c => (Call(c), 8),
            ConditionalExpr c => ($"{Write(c.Condition, 1)} ? {Write(c.WhenTrue, 1)} : {Write(c.WhenFalse, 1)}", 0),
            BinaryExpr b => Binary(b),
            _ => throw new System.ArgumentOutOfRangeException(nameof(expr), expr.GetType().Name),
        };
        return precedence < parentPrecedence ? "(" + text + ")" : text;
    }

    /// <summary>A math call; small constant integer powers become multiplications (<see cref="SmallPower"/>).</summary>
    private string Call(CallExpr c)
    {
        if (SmallPower(c) is string power) return $"StencilServices::StencilMath.{power}({Write(c.Arguments[0], 0)})";
        return $"global::System.{c.Function}({string.Join(", ", c.Arguments.Select(a => Write(a, 0)))})";
    }

    private static string? SmallPower(CallExpr c) => c.Function is "Math.Pow" or "MathF.Pow" && c.Arguments[1] is ConstantExpr k
        ? k.Value switch { 2 => "Square", 3 => "Cube", 4 => "Fourth", _ => null }
        : null;

    /// <summary>The iteration point moved back by <paramref name="shift"/>: "ix - 1, iy".</summary>
    private string Point(Int3 shift)
        => string.Join(", ", Enumerable.Range(0, Rank).Select(a => Index(a) + Plus(-shift[a])));

    private string InExtent(InExtentExpr e) => string.Join(" && ", Enumerable.Range(0, Rank).Select(a =>
    {
        string i = Index(a) + Plus(e.Offset[a]);
        return $"0 <= {i} && {i} < {Extent(e.Field, a)}";
    }));

    private (string, int) Binary(BinaryExpr b)
    {
        int p = Precedence(b.Operator);
        // The right operand is parenthesised at equal precedence: floating-point + and * are not associative.
        return ($"{Write(b.Left, p)} {b.Operator} {Write(b.Right, p + 1)}", p);
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "==" or "!=" => 3,
        "<" or "<=" or ">" or ">=" => 4,
        "+" or "-" => 5,
        _ => 6,
    };

    public static string Constant(ConstantExpr c) => c.Type switch
    {
        NumberType.Bool => c.Value != 0 ? "true" : "false",
        NumberType.Int => ((int)c.Value).ToString(CultureInfo.InvariantCulture),
        NumberType.Float => FloatLiteral((float)c.Value),
        _ => DoubleLiteral(c.Value),
    };

    private static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsInfinity(value)) return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
    }

    private static string FloatLiteral(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsInfinity(value)) return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    public static string Keyword(NumberType type) => type switch
    {
        NumberType.Int => "int",
        NumberType.Float => "float",
        NumberType.Bool => "bool",
        _ => "double",
    };

    /// <summary>"iy" or "(iy + 1)": an index shifted by an offset, ready to multiply.</summary>
    public static string Shifted(string index, int offset) => offset == 0 ? index : $"({index}{Plus(offset)})";

    /// <summary>" + 1", " - 2" or "" for an offset.</summary>
    public static string Plus(int offset) => offset == 0 ? "" : offset > 0 ? $" + {offset}" : $" - {-offset}";
}
