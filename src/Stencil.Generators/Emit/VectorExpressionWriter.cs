using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Writes a model expression as SIMD code over <see cref="Width"/> consecutive x points
/// (<c>Vector256&lt;T&gt;</c> or <c>Vector512&lt;T&gt;</c>), lane by lane the same operations in the
/// same order as the scalar loop, so all agree bit for bit. Subexpressions that do not depend on
/// the point (scalars, constants, extents) are evaluated once per launch as scalars and broadcast
/// ("hoisted"). While writing, it tallies the operations per vector (<see cref="TakeBody"/>), from
/// which <see cref="VectorWidths"/> decides whether a loop is worth 512-bit vectors.
/// Math functions without an exact SIMD form are applied lane by lane. <see cref="Write"/>
/// returns null for what has no SIMD form here (indices, mixed precision): that statement keeps
/// its scalar loop.
/// </summary>
internal sealed class VectorExpressionWriter
{
    private readonly CpuExpressionWriter _scalar;
    private readonly NumberType _element;
    private readonly Dictionary<string, LocalBinding> _locals;
    private readonly Dictionary<string, string> _hoisted = new();
    private readonly List<string> _hoists = new();
    private readonly Dictionary<string, string> _loaded = new();
    private readonly List<string> _loads = new();
    private readonly HashSet<string> _arrays = new();
    private readonly Dictionary<string, Int3> _leading = new();
    private readonly Dictionary<string, int> _broadcastUses = new();
    private readonly Dictionary<string, int> _loadUses = new();
    private readonly HashSet<string> _operands = new();
    private readonly int _rank;
    private int _work, _divisions;

    public VectorExpressionWriter(int rank, NumberType element, IEnumerable<LocalBinding> locals, int bits)
    {
        _scalar = new CpuExpressionWriter(rank);
        _rank = rank;
        _element = element;
        Bits = bits;
        _locals = new Dictionary<string, LocalBinding>();
        foreach (var binding in locals) _locals[binding.Name] = binding;
    }

    /// <summary>How far ahead of a row's vector its leading rows are prefetched, in bytes (see <see cref="TakeBody"/>).</summary>
    public const int PrefetchBytes = 1024;

    /// <summary>The vector size in bits: 256 or 512.</summary>
    public int Bits { get; }

    /// <summary>The SIMD type's static class, as generated code spells it.</summary>
    public string Vector => "StencilSimd::Vector" + Bits;

    /// <summary>Lanes per vector: Bits / 64 doubles or Bits / 32 floats.</summary>
    public int Width => Bits / (_element == NumberType.Float ? 32 : 64);

    public string Type => $"{Vector}<{ExpressionWriter.Keyword(_element)}>";

    /// <summary>
    /// The SIMD x loop: vectors of <see cref="Width"/> points from <c>ix</c> while they end at or
    /// before <paramref name="last"/>, when the launch allows vectors this wide
    /// (<c>CpuBackend.VectorBits</c>) and the hardware has them.
    /// </summary>
    public void EmitLoop(SourceWriter w, string last, VectorBody body)
    {
        w.Open($"if (VectorBits >= {Bits} && {Vector}.IsHardwareAccelerated)");
        foreach (var line in body.Preamble) w.Line(line);
        if (body.Leaders.Count > 0)
        {
            foreach (var leader in body.Leaders) w.Line($"var {CarriedBindings.Before(leader)} = {Type}.Zero;");
            w.Open($"if (ix <= {last} - {Width - 1})");
            foreach (var line in body.CarryStart) w.Line(line);
            w.Close();
        }
        w.Open($"for (int xLast = {last} - {Width - 1}; ix <= xLast; ix += {Width})");
        foreach (var line in body.Prefetches.Concat(body.Lines)) w.Line(line);
        w.Close();
        w.Close();
    }

    /// <summary>
    /// One vector at <c>ix</c>, if it ends at or before <paramref name="last"/> and
    /// <paramref name="condition"/> holds: the loop's body once, then <c>ix</c> moves on by
    /// <paramref name="advance"/> points (a vector when null).
    /// </summary>
    public void EmitOne(SourceWriter w, string last, VectorBody body, string condition, string? advance = null)
    {
        w.Open($"if (VectorBits >= {Bits} && {Vector}.IsHardwareAccelerated && ix <= {last} - {Width - 1} && {condition})");
        foreach (var line in body.Preamble.Concat(body.OneVector)) w.Line(line);
        w.Line($"ix += {advance ?? Width.ToString()};");
        w.Close();
    }

    /// <summary>
    /// Where the store <paramref name="address"/> (of <c>ix</c>) does not start a cache line: one
    /// vector at <c>ix</c>, then <c>ix</c> moves on to the first point whose store starts one, so that
    /// the loop's stores, and the loads of rows aligned like the stored one, each stay in one cache
    /// line. The points between are computed again with the same values: only for statements that
    /// do not read the field they write.
    /// </summary>
    public void EmitAligning(SourceWriter w, string last, VectorBody body, string address, string element)
    {
        string misaligned = $"(int)(((nuint)({address}) & {VectorWidths.CacheLine - 1}) / sizeof({element}))";
        EmitOne(w, last, body, $"ix <= {last} - {2 * Width - 1} && {misaligned} != 0", $"{Width} - {misaligned}");
    }

    /// <summary>Declarations of the hoisted values, to emit once before the loops that use them.</summary>
    public IReadOnlyList<string> Hoists => _hoists;

    /// <summary>
    /// Hoisted values (their <c>Create</c> text) that a use writes where it is used instead of naming
    /// the hoisted local, so that they take no register across the loop (see
    /// <see cref="VectorWidths.RegisterBroadcasts"/>): only constants and scalars
    /// (<see cref="IsOperand"/>), which the JIT reads from memory with the operation.
    /// </summary>
    public HashSet<string> BroadcastsWhereUsed { get; } = new();

    /// <summary>Whether a hoisted value (its <c>Create</c> text) is a constant or a scalar of the element type, which a use may broadcast from memory.</summary>
    public bool IsOperand(string value) => _operands.Contains(value);

    /// <summary>Adds bindings (e.g. an adjoint block's) that later expressions may refer to.</summary>
    public void Know(IEnumerable<LocalBinding> bindings)
    {
        foreach (var binding in bindings) _locals[binding.Name] = binding;
    }

    /// <summary>The address of an element, for loads and stores: <c>T_y1z1 + ix + 1</c>.</summary>
    public string Address(string array, Int3 offset) => _scalar.Address(array, offset);

    /// <summary>
    /// Whether each use of a field element loads it where it is used (<c>*(Vector256&lt;double&gt;*)(T_y1z1 + ix + 2)</c>)
    /// instead of from a local loaded once per body (see <see cref="VectorWidths.RegisterLoads"/>).
    /// </summary>
    public bool InlineLoads { get; set; }

    /// <summary>The field elements (their addresses, <c>T_y1z1 + ix + 2</c>) loaded where used, the others into locals (see <see cref="VectorWidths.RegisterLoads"/>).</summary>
    public HashSet<string> LoadsWhereUsed { get; } = new();

    /// <summary>
    /// A field element as a vector: each element is loaded once per vector body, into a local
    /// named after its row and x offset (<c>T_y1z1_x2</c>), declared with the body's loads
    /// (<see cref="TakeBody"/>); with <see cref="InlineLoads"/>, or where <see cref="LoadsWhereUsed"/>
    /// names it, where it is used.
    /// </summary>
    public string Load(string array, Int3 offset)
    {
        string address = Address(array, offset);
        _loadUses[address] = _loadUses.TryGetValue(address, out int uses) ? uses + 1 : 1;
        if (InlineLoads || LoadsWhereUsed.Contains(address))
        {
            _arrays.Add(array);
            Touch(array, offset);
            return $"(*({Type}*)({address}))";
        }
        if (!_loaded.TryGetValue(address, out var name))
        {
            name = (_scalar.Row(array, offset) + "_x" + CpuExpressionWriter.Signed(offset.X)).Replace("_bar", "bar");
            _loaded[address] = name;
            _arrays.Add(array);
            _loads.Add($"var {name} = {Vector}.Load({address});");
            Touch(array, offset);
        }
        return name;
    }

    /// <summary>
    /// A carried follower's value (<see cref="CarriedBindings"/>): its leader's one point to the left,
    /// from the leader's vector and the one of the iteration before.
    /// </summary>
    public string Previous(string leader)
    {
        _work++;
        return $"StencilServices::LaneShift.Previous({leader}, {CarriedBindings.Before(leader)})";
    }

    /// <summary>
    /// Notes that the body reads or writes an array's row: per array, the row furthest along the
    /// rows' order (largest z, then y) is the one that memory has not brought in for an earlier row.
    /// </summary>
    public void Touch(string array, Int3 offset)
    {
        if (!_leading.TryGetValue(array, out var row) || offset.Z > row.Z || (offset.Z == row.Z && offset.Y > row.Y))
            _leading[array] = new Int3(0, offset.Y, offset.Z);
    }

    /// <summary>
    /// Ends a loop body: the prefetches (3D; a loop emits them, a single vector does not) and the loads that the expressions written since the last call use, the
    /// operations they do per vector, i.e. per point (additions, multiplications, comparisons...), the slow ones
    /// among them counted apart (divisions, square roots, lane-by-lane calls) and the arrays they
    /// read. Starts a new body.
    /// </summary>
    public (List<string> Prefetches, List<string> Loads, int Work, int Divisions, int ArraysRead, Dictionary<string, int> Broadcasts, Dictionary<string, int> LoadUses) TakeBody()
    {
        // Software prefetch, PrefetchBytes ahead, of each array's leading row in 3D: the rows that a
        // new row of the launch reads from memory first (z + 1 rows, and rows read at z only), which the
        // hardware prefetcher finds late. Not in 2D, where the hardware prefetcher keeps up with the rows
        // alone and the extra instructions only cost time.
        int ahead = PrefetchBytes / (_element == NumberType.Float ? 4 : 8);
        var prefetches = _rank != 3 ? new List<string>() : _leading
            .Select(r => $"StencilServices::Launch.Prefetch({_scalar.Row(r.Key, r.Value)} + ix + {ahead});")
            .ToList();
        var body = (prefetches, new List<string>(_loads), _work, _divisions, _arrays.Count, new Dictionary<string, int>(_broadcastUses), new Dictionary<string, int>(_loadUses));
        _loads.Clear();
        _broadcastUses.Clear();
        _loadUses.Clear();
        _loaded.Clear();
        _arrays.Clear();
        _leading.Clear();
        _work = _divisions = 0;
        return body;
    }

    /// <summary>Whether a binding needs a vector local (one that depends on the point).</summary>
    public bool Varies(LocalBinding binding) => !IsUniform(binding.Value);

    /// <summary>The expression as a vector of the element type (a mask for conditions), or null.</summary>
    public string? Write(Expr expr) => Write(expr, 0);

    private string? Write(Expr expr, int parentPrecedence)
    {
        if (IsUniform(expr)) return Hoist(expr);
        var type = TypeOf(expr);
        if (type != _element && type != NumberType.Bool) return null;
        string? text;
        int precedence = Atom;
        switch (expr)
        {
            case ReadExpr r:
                text = Load(r.Access.Field, r.Access.Offset);
                break;
            case AdjointReadExpr a:
                text = Load(a.Access.Field + "_bar", a.Access.Offset);
                break;
            case LocalExpr l:
                text = l.Name;
                break;
            case UnaryExpr u:
                precedence = u.Operator == "+" ? parentPrecedence : Unary;
                text = Write(u.Operand, Atom) is string operand
                    ? u.Operator switch { "-" => "-" + operand, "!" => "~" + operand, _ => operand }
                    : null;
                break;
            case CastExpr c:
                return Write(c.Operand, parentPrecedence);   // a varying operand already has the element type
            case ConditionalExpr c:
                text = Call("ConditionalSelect", c.Condition, c.WhenTrue, c.WhenFalse);
                break;
            case BinaryExpr b:
                (text, precedence) = Binary(b);
                break;
            case CallExpr c:
                text = MathCall(c);
                break;
            default:
                return null;   // indices, box and extent tests
        }
        return text is null ? null : precedence < parentPrecedence ? "(" + text + ")" : text;
    }

    private const int Atom = 8, Unary = 7;

    /// <summary>Infix operators with C# precedence; the right operand is parenthesised at equal precedence (no reassociation).</summary>
    private (string?, int) Binary(BinaryExpr b)
    {
        (string?, int) Infix(string op, int p)
        {
            if (op == "/") _divisions++;
            else _work++;
            var left = Write(b.Left, p);
            var right = Write(b.Right, p + 1);
            return (left is null || right is null ? null : $"{left} {op} {right}", p);
        }
        return b.Operator switch
        {
            "+" or "-" => Infix(b.Operator, 5),
            "*" or "/" => Infix(b.Operator, 6),
            "&&" => Infix("&", 3),
            "||" => Infix("|", 2),
            "<" => (Call("LessThan", b.Left, b.Right), Atom),
            "<=" => (Call("LessThanOrEqual", b.Left, b.Right), Atom),
            ">" => (Call("GreaterThan", b.Left, b.Right), Atom),
            ">=" => (Call("GreaterThanOrEqual", b.Left, b.Right), Atom),
            "==" => (Call("Equals", b.Left, b.Right), Atom),
            "!=" => (Call("Equals", b.Left, b.Right) is string eq ? "~" + eq : null, Unary),
            _ => (null, Atom),
        };
    }

    private string? MathCall(CallExpr c)
    {
        string function = c.Function.Substring(c.Function.IndexOf('.') + 1);
        if (function == "Pow" && c.Arguments[1] is ConstantExpr k && k.Value is 2 or 3 or 4)
        {
            var x = Write(c.Arguments[0]);
            string power = k.Value switch { 2 => "Square", 3 => "Cube", _ => "Fourth" };
            _work += k.Value is 2 ? 1 : 2;
            return x is null ? null : $"StencilServices::StencilMath.{power}({x})";
        }
        return function switch
        {
            // Exact (correctly rounded or exact by definition) in SIMD, as in System.Math.
            "Sqrt" or "Abs" or "Floor" or "Ceiling" or "Min" or "Max" => Call(function, c.Arguments.ToArray()),
            _ => Lanes(c),
        };
    }

    /// <summary>A function applied lane by lane: the very same System.Math call as the scalar loop.</summary>
    private string? Lanes(CallExpr c)
    {
        _divisions++;
        var arguments = c.Arguments.Select(a => Write(a)).ToList();
        if (arguments.Any(a => a is null)) return null;
        return $"StencilServices::StencilMath.Lanes({string.Join(", ", arguments)}, &global::System.{c.Function})";
    }

    private string? Call(string method, params Expr[] operands)
    {
        if (method == "Sqrt") _divisions++;
        else _work++;
        var written = operands.Select(a => Write(a)).ToList();
        return written.Any(a => a is null) ? null : $"{Vector}.{method}({string.Join(", ", written)})";
    }

    /// <summary>
    /// A point-independent value: computed once, as the scalar loop computes it, then broadcast
    /// into a local declared with <see cref="Hoists"/>; or, where it is one of
    /// <see cref="BroadcastsWhereUsed"/>, broadcast where it is used.
    /// </summary>
    private string Hoist(Expr expr)
    {
        var inlined = ExprQueries.Inline(expr, _locals);
        string scalar = _scalar.Write(inlined);
        var type = TypeOf(expr);
        string value = type == NumberType.Bool
            ? $"{scalar} ? {Type}.AllBitsSet : {Type}.Zero"
            : $"{Vector}.Create(({ExpressionWriter.Keyword(_element)})({scalar}))";
        if (BroadcastsWhereUsed.Contains(value)) return value;
        if (!_hoisted.TryGetValue(value, out var name))
        {
            name = (Bits == 256 ? "u" : "w") + _hoists.Count;
            _hoisted[value] = name;
            _hoists.Add($"var {name} = {value};");
            if (inlined is ConstantExpr || (inlined is ScalarExpr && type == _element)) _operands.Add(value);
        }
        _broadcastUses[value] = _broadcastUses.TryGetValue(value, out int uses) ? uses + 1 : 1;
        return name;
    }

    private bool IsUniform(Expr expr) => ExprQueries.IsUniform(expr, _locals);

    private NumberType TypeOf(Expr expr) => ExprQueries.TypeOf(expr, _element, _locals);
}
