using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Stencil.Generators.Diagnostics;
using Stencil.Generators.Differentiation;
using Stencil.Generators.Model;

namespace Stencil.Generators.Parsing;

/// <summary>An assignment with where it came from, for diagnostics.</summary>
internal sealed record ParsedAssignment(Assignment Assignment, Location Location);

/// <summary>
/// Walks a stencil body. Local variables are substituted into the expressions that use them (an
/// <c>if</c> that assigns a local turns into a conditional expression), so that every assignment
/// to a field is one self-contained expression of reads at constant offsets.
/// </summary>
internal sealed class BodyParser
{
    private static readonly HashSet<string> s_mathFunctions = new()
    {
        "Abs", "Min", "Max", "Pow", "Exp", "Log", "Log10", "Sqrt", "Cbrt", "Sin", "Cos", "Tan",
        "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Floor", "Ceiling", "Clamp",
    };

    private readonly SemanticModel _model;
    private readonly Dictionary<string, ParameterSpec> _parameters;
    private readonly NumberType _element;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _multiplyByReciprocals;
    private readonly Dictionary<ISymbol, Expr> _locals = new(SymbolEqualityComparer.Default);
    private readonly List<Expr> _conditions = new();

    public BodyParser(SemanticModel model, IEnumerable<ParameterSpec> parameters, NumberType element, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken,
        bool multiplyByReciprocals = false)
    {
        _multiplyByReciprocals = multiplyByReciprocals;
        _model = model;
        _parameters = parameters.ToDictionary(p => p.Name);
        _element = element;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The kernel's dimension, 0 until an operator or element access tells.</summary>
    public int Rank { get; private set; }

    public List<ParsedAssignment> Assignments { get; } = new();

    /// <summary>The local bindings, in the order they are computed.</summary>
    public List<LocalBinding> Locals { get; } = new();

    public Dictionary<string, LocalBinding> LocalsByName { get; } = new();

    private readonly Dictionary<string, int> _versions = new();

    /// <summary>Every use of Ix/Iy/Iz, checked against the kernel's dimension at the end.</summary>
    public List<(int Axis, Location Location)> IndexUses { get; } = new();

    /// <summary>Where each read first appears in the source.</summary>
    public Dictionary<Access, Location> ReadLocations { get; } = new();

    /// <summary>Where each write target first appears in the source.</summary>
    public Dictionary<Access, Location> WriteLocations { get; } = new();

    /// <summary>
    /// Every division of a value that varies from point to point by one that does not (<c>q / dx</c>),
    /// at its operator, with the divisor as written: with [Stencil(MultiplyByReciprocals = true)] each
    /// became a multiplication by the reciprocal.
    /// </summary>
    public List<(Location Location, string Divisor)> UniformDivisions { get; } = new();

    public void ParseStatement(StatementSyntax statement)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (statement)
        {
            case BlockSyntax block:
                foreach (var s in block.Statements) ParseStatement(s);
                break;
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax declaration:
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer is null)
                    {
                        Report(DiagnosticDescriptors.UnsupportedStatement, variable.GetLocation(), "A local variable without an initial value");
                        continue;
                    }
                    var value = Value(variable.Initializer.Value);
                    if (value is not null && _model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol local)
                        Bind(local, value, variable.GetLocation());
                }
                break;
            case ExpressionStatementSyntax expressionStatement:
                ParseExpressionStatement(expressionStatement.Expression);
                break;
            case IfStatementSyntax ifStatement:
                ParseIf(ifStatement);
                break;
            default:
                Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), Describe(statement));
                break;
        }
    }

    public void ParseExpressionStatement(ExpressionSyntax expression)
    {
        if (expression is AssignmentExpressionSyntax assignment) ParseAssignment(assignment);
        else Report(DiagnosticDescriptors.UnsupportedStatement, expression.GetLocation(), $"The expression statement '{expression}'");
    }

    private void ParseIf(IfStatementSyntax statement)
    {
        var condition = Value(statement.Condition);
        if (condition is null) return;

        var before = new Dictionary<ISymbol, Expr>(_locals, SymbolEqualityComparer.Default);
        _conditions.Add(condition);
        ParseStatement(statement.Statement);
        _conditions.RemoveAt(_conditions.Count - 1);
        var afterThen = new Dictionary<ISymbol, Expr>(_locals, SymbolEqualityComparer.Default);

        RestoreLocals(before);
        if (statement.Else is not null)
        {
            _conditions.Add(new UnaryExpr("!", condition));
            ParseStatement(statement.Else.Statement);
            _conditions.RemoveAt(_conditions.Count - 1);
        }
        var afterElse = new Dictionary<ISymbol, Expr>(_locals, SymbolEqualityComparer.Default);

        // Locals declared before the if and assigned in a branch become conditional bindings.
        RestoreLocals(before);
        foreach (var entry in before)
        {
            var whenTrue = afterThen[entry.Key];
            var whenFalse = afterElse[entry.Key];
            if (!Equals(whenTrue, entry.Value) || !Equals(whenFalse, entry.Value))
                Bind((ILocalSymbol)entry.Key, Equals(whenTrue, whenFalse) ? whenTrue : new ConditionalExpr(condition, whenTrue, whenFalse), statement.GetLocation());
        }
    }

    /// <summary>
    /// Gives a local its new value. Leaves (constants, parameters, single reads) are substituted
    /// directly; anything larger becomes a binding, so that the model grows linearly with the source.
    /// </summary>
    private void Bind(ILocalSymbol local, Expr value, Location location)
    {
        if (value is ConstantExpr or ScalarExpr or IndexExpr or ExtentExpr or LocalExpr or ReadExpr)
        {
            _locals[local] = value;
            return;
        }
        var type = KernelParser.TypeOf(local.Type);
        if (type is null)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, location, local.Name, $"locals must be int, float, double or bool, not {local.Type.ToDisplayString()}");
            return;
        }
        _versions.TryGetValue(local.Name, out int version);
        _versions[local.Name] = version + 1;
        var binding = new LocalBinding($"{local.Name}_{version}", type.Value, value);
        Locals.Add(binding);
        LocalsByName[binding.Name] = binding;
        _locals[local] = new LocalExpr(binding.Name);
    }

    private void RestoreLocals(Dictionary<ISymbol, Expr> snapshot)
    {
        _locals.Clear();
        foreach (var entry in snapshot) _locals[entry.Key] = entry.Value;
    }

    private void ParseAssignment(AssignmentExpressionSyntax assignment)
    {
        string? compound = assignment.Kind() switch
        {
            SyntaxKind.SimpleAssignmentExpression => null,
            SyntaxKind.AddAssignmentExpression => "+",
            SyntaxKind.SubtractAssignmentExpression => "-",
            SyntaxKind.MultiplyAssignmentExpression => "*",
            SyntaxKind.DivideAssignmentExpression => "/",
            _ => "?",
        };
        if (compound == "?")
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, assignment.OperatorToken.GetLocation(), assignment.OperatorToken.Text, "use =, +=, -=, *= or /=");
            return;
        }

        var left = Unparenthesize(assignment.Left);
        if (left is IdentifierNameSyntax identifier)
        {
            var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
            if (symbol is ILocalSymbol local && _locals.TryGetValue(local, out var old))
            {
                var value = Value(assignment.Right);
                if (value is not null) Bind(local, compound is null ? value : Binary(compound, old, value, assignment.OperatorToken, assignment.Right), assignment.GetLocation());
            }
            else if (symbol is IParameterSymbol parameter)
            {
                Report(DiagnosticDescriptors.ParameterAssigned, identifier.GetLocation(), parameter.Name);
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidWriteTarget, identifier.GetLocation(), identifier.ToString());
            }
            return;
        }

        var target = WriteTarget(left);
        if (target is null) return;
        var right = Value(assignment.Right);
        if (right is null) return;
        if (!WriteLocations.ContainsKey(target)) WriteLocations[target] = left.GetLocation();
        var valueExpr = compound is null ? right : Binary(compound, new ReadExpr(target), right, assignment.OperatorToken, assignment.Right);

        var bounds = new List<IndexBound>();
        var guards = new List<Expr>();
        foreach (var conjunct in _conditions.SelectMany(ExprQueries.Conjuncts))
        {
            if (AsBound(conjunct) is { } bound) bounds.Add(bound);
            else guards.Add(conjunct);
        }
        Expr? guard = guards.Count == 0 ? null : guards.Skip(1).Aggregate(guards[0], (a, b) => new BinaryExpr("&&", a, b));
        bool selection = left is InvocationExpressionSyntax;
        Assignments.Add(new ParsedAssignment(new Assignment(target, valueExpr, bounds.ToEquatableArray(), guard, selection), assignment.GetLocation()));
    }

    private Access? WriteTarget(ExpressionSyntax left)
    {
        switch (left)
        {
            case InvocationExpressionSyntax invocation when IsOperatorCall(invocation, out var found):
                if (found is not { } op) return null;
                if (!op.Spec.IsSelection)
                {
                    Report(DiagnosticDescriptors.InvalidWriteTarget, left.GetLocation(), left.ToString());
                    return null;
                }
                return (OperatorExpansion.Expand(op.Spec, op.Field, _element) as ReadExpr)?.Access;
            case ElementAccessExpressionSyntax element:
                return ElementAccess(element);
            default:
                Report(DiagnosticDescriptors.InvalidWriteTarget, left.GetLocation(), left.ToString());
                return null;
        }
    }

    /// <summary>Parses an expression into the model; reports and returns null if it is not allowed.</summary>
    public Expr? Value(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var constant = _model.GetConstantValue(expression, _cancellationToken);
        if (constant.HasValue)
        {
            var type = KernelParser.TypeOf(_model.GetTypeInfo(expression, _cancellationToken).Type);
            return (type, constant.Value) switch
            {
                (NumberType.Bool, bool b) => new ConstantExpr(b ? 1 : 0, NumberType.Bool),
                (NumberType.Int, int i) => new ConstantExpr(i, NumberType.Int),
                (NumberType.Float, float f) => new ConstantExpr(f, NumberType.Float),
                (NumberType.Double, double d) => new ConstantExpr(d, NumberType.Double),
                _ => Unsupported(expression, "only int, float, double and bool constants are allowed"),
            };
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Value(parenthesized.Expression);
            case IdentifierNameSyntax identifier:
                return Identifier(identifier);
            case MemberAccessExpressionSyntax member:
                return MemberAccess(member);
            case InvocationExpressionSyntax invocation:
                return Invocation(invocation);
            case ElementAccessExpressionSyntax element:
            {
                var access = ElementAccess(element);
                if (access is null) return null;
                Remember(access, element.GetLocation());
                return new ReadExpr(access);
            }
            case PrefixUnaryExpressionSyntax unary:
            {
                string? op = unary.Kind() switch
                {
                    SyntaxKind.UnaryMinusExpression => "-",
                    SyntaxKind.UnaryPlusExpression => "+",
                    SyntaxKind.LogicalNotExpression => "!",
                    _ => null,
                };
                if (op is null) return Unsupported(unary, "allowed unary operators are -, + and !");
                var operand = Value(unary.Operand);
                return operand is null ? null : new UnaryExpr(op, operand);
            }
            case BinaryExpressionSyntax binary:
            {
                string? op = binary.Kind() switch
                {
                    SyntaxKind.AddExpression => "+",
                    SyntaxKind.SubtractExpression => "-",
                    SyntaxKind.MultiplyExpression => "*",
                    SyntaxKind.DivideExpression => "/",
                    SyntaxKind.LessThanExpression => "<",
                    SyntaxKind.LessThanOrEqualExpression => "<=",
                    SyntaxKind.GreaterThanExpression => ">",
                    SyntaxKind.GreaterThanOrEqualExpression => ">=",
                    SyntaxKind.EqualsExpression => "==",
                    SyntaxKind.NotEqualsExpression => "!=",
                    SyntaxKind.LogicalAndExpression => "&&",
                    SyntaxKind.LogicalOrExpression => "||",
                    _ => null,
                };
                if (op is null) return Unsupported(binary, $"the operator '{binary.OperatorToken.Text}' is not allowed; use + - * /, comparisons, && and ||");
                var l = Value(binary.Left);
                var r = Value(binary.Right);
                return l is null || r is null ? null : Binary(op, l, r, binary.OperatorToken, binary.Right);
            }
            case ConditionalExpressionSyntax conditional:
            {
                var c = Value(conditional.Condition);
                var t = Value(conditional.WhenTrue);
                var f = Value(conditional.WhenFalse);
                return c is null || t is null || f is null ? null : new ConditionalExpr(c, t, f);
            }
            case CastExpressionSyntax cast:
            {
                var type = KernelParser.TypeOf(_model.GetTypeInfo(cast.Type, _cancellationToken).Type);
                if (type is null or NumberType.Bool) return Unsupported(cast, "casts are allowed to int, float and double only");
                var operand = Value(cast.Expression);
                return operand is null ? null : new CastExpr(type.Value, operand);
            }
            default:
                return Unsupported(expression, "a stencil may use fields through operators or elements, scalar parameters, locals, constants, arithmetic, comparisons, conditionals and Math functions");
        }
    }

    private Expr? Identifier(IdentifierNameSyntax identifier)
    {
        var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when _locals.TryGetValue(local, out var value):
                return value;
            case IParameterSymbol parameter when _parameters.TryGetValue(parameter.Name, out var spec):
                if (spec.Kind == ParameterKind.Field)
                {
                    Report(DiagnosticDescriptors.FieldUsedAsValue, identifier.GetLocation(), parameter.Name);
                    return null;
                }
                return new ScalarExpr(spec.Name, spec.Type);
            case IPropertySymbol property when IndexAxis(property) is int axis:
                IndexUses.Add((axis, identifier.GetLocation()));
                return new IndexExpr(axis);
            default:
                return Unsupported(identifier, "only parameters, locals of this method, constants and Ix/Iy/Iz can be named in a stencil");
        }
    }

    private Expr? MemberAccess(MemberAccessExpressionSyntax member)
    {
        var symbol = _model.GetSymbolInfo(member, _cancellationToken).Symbol;
        if (symbol is IPropertySymbol property)
        {
            if (IndexAxis(property) is int axis)
            {
                IndexUses.Add((axis, member.GetLocation()));
                return new IndexExpr(axis);
            }
            if (member.Expression is IdentifierNameSyntax fieldName
                && _parameters.TryGetValue(fieldName.Identifier.ValueText, out var spec) && spec.Kind == ParameterKind.Field
                && property.Name is "Nx" or "Ny" or "Nz")
                return new ExtentExpr(spec.Name, property.Name[1] - 'x');
        }
        return Unsupported(member, "of a field only the extents Nx, Ny and Nz can be used");
    }

    private Expr? Invocation(InvocationExpressionSyntax invocation)
    {
        if (IsOperatorCall(invocation, out var found))
        {
            if (found is not { } op) return null;
            var expr = OperatorExpansion.Expand(op.Spec, op.Field, _element);
            foreach (var read in ExprQueries.Reads(expr, LocalsByName)) Remember(read, invocation.GetLocation());
            return expr;
        }

        var method = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol as IMethodSymbol;
        var type = method?.ContainingType?.ToDisplayString();
        if (method is null || type is not ("System.Math" or "System.MathF") || !s_mathFunctions.Contains(method.Name))
            return Unsupported(invocation, "the only methods a stencil can call are the FiniteDifferences operators and Math/MathF functions (" + string.Join(", ", s_mathFunctions) + ")");

        var arguments = new List<Expr>();
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var value = Value(argument.Expression);
            if (value is null) return null;
            arguments.Add(value);
        }
        string cls = type == "System.MathF" ? "MathF." : "Math.";
        // Clamp(x, lo, hi) is Min(Max(x, lo), hi), which has a derivative (Math.Clamp would also throw where lo > hi).
        if (method.Name == "Clamp")
            return Algebra.Call(cls + "Min", Algebra.Call(cls + "Max", arguments[0], arguments[1]), arguments[2]);
        return new CallExpr(cls + method.Name, arguments.ToEquatableArray());
    }

    /// <summary>True when the call is a FiniteDifferences operator; <paramref name="op"/> is null if it was reported as invalid.</summary>
    private bool IsOperatorCall(InvocationExpressionSyntax invocation, out (OperatorSpec Spec, string Field)? op)
    {
        op = null;
        if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method) return false;
        var type = method.ContainingType;
        if (type?.ContainingNamespace?.ToDisplayString() != "Stencil" || !type.Name.StartsWith("FiniteDifferences", System.StringComparison.Ordinal))
            return false;
        int rank = type.Name[type.Name.Length - 2] - '0';
        var spec = OperatorTable.Find(method.Name, rank);
        if (spec is null) return false;
        op = Operator(invocation, method, spec, rank);
        return true;
    }

    private (OperatorSpec Spec, string Field)? Operator(InvocationExpressionSyntax invocation, IMethodSymbol method, OperatorSpec spec, int rank)
    {

        var argument = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        if (argument is not IdentifierNameSyntax name || !_parameters.TryGetValue(name.Identifier.ValueText, out var field) || field.Kind != ParameterKind.Field)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, invocation.GetLocation(), invocation.ToString(),
                "the argument of a finite-difference operator must be a field parameter; operators do not nest (write D2Xi(A), not DXi(DXa(A)))");
            return null;
        }
        if (!SetRank(rank, invocation.GetLocation(), method.Name)) return null;
        return (spec, field.Name);
    }

    private Access? ElementAccess(ElementAccessExpressionSyntax element)
    {
        if (element.Expression is not IdentifierNameSyntax name || !_parameters.TryGetValue(name.Identifier.ValueText, out var field) || field.Kind != ParameterKind.Field)
        {
            Unsupported(element, "only field parameters can be indexed");
            return null;
        }
        var arguments = element.ArgumentList.Arguments;
        if (arguments.Count is < 1 or > 3)
        {
            Report(DiagnosticDescriptors.WrongIndexCount, element.GetLocation(), element.ToString(), arguments.Count.ToString());
            return null;
        }
        if (!SetRank(arguments.Count, element.GetLocation(), element.ToString())) return null;

        var offset = Int3.Zero;
        for (int axis = 0; axis < arguments.Count; axis++)
        {
            int? o = IndexOffset(arguments[axis].Expression, axis);
            if (o is null)
            {
                Report(DiagnosticDescriptors.InvalidIndex, arguments[axis].GetLocation(), arguments[axis].ToString(), "I" + "xyz"[axis]);
                return null;
            }
            offset = offset.With(axis, o.Value);
        }
        return Access.Point(field.Name, offset);
    }

    /// <summary>The constant c of an index written <c>I + c</c>, <c>I - c</c> or <c>c + I</c> for this axis.</summary>
    private int? IndexOffset(ExpressionSyntax expression, int axis)
    {
        expression = Unparenthesize(expression);
        if (IsIndex(expression, axis)) return 0;
        if (expression is BinaryExpressionSyntax binary && binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression)
        {
            int sign = binary.IsKind(SyntaxKind.AddExpression) ? 1 : -1;
            if (IsIndex(binary.Left, axis) && IntConstant(binary.Right) is int right) return sign * right;
            if (sign == 1 && IsIndex(binary.Right, axis) && IntConstant(binary.Left) is int left) return left;
        }
        return null;
    }

    private bool IsIndex(ExpressionSyntax expression, int axis)
        => _model.GetSymbolInfo(Unparenthesize(expression), _cancellationToken).Symbol is IPropertySymbol p && IndexAxis(p) == axis;

    private int? IntConstant(ExpressionSyntax expression)
        => _model.GetConstantValue(expression, _cancellationToken) is { HasValue: true, Value: int value } ? value : null;

    private static int? IndexAxis(IPropertySymbol property)
        => property.ContainingType?.ToDisplayString() == "Stencil.Indices" ? property.Name[1] - 'x' : null;

    private bool SetRank(int rank, Location location, string what)
    {
        if (Rank == 0) Rank = rank;
        if (Rank == rank) return true;
        Report(DiagnosticDescriptors.MixedDimensions, location, what, rank.ToString(), Rank.ToString());
        return false;
    }

    /// <summary>A condition <c>I op bound</c> with a bound fixed for the launch becomes a box limit.</summary>
    private static IndexBound? AsBound(Expr condition)
    {
        if (condition is not BinaryExpr { Operator: "==" or "<=" or ">=" or "<" or ">" } b) return null;
        if (b.Left is IndexExpr li && IsLaunchConstant(b.Right)) return new IndexBound(li.Axis, b.Operator, b.Right);
        if (b.Right is IndexExpr ri && IsLaunchConstant(b.Left))
        {
            string flipped = b.Operator switch { "<=" => ">=", ">=" => "<=", "<" => ">", ">" => "<", _ => "==" };
            return new IndexBound(ri.Axis, flipped, b.Left);
        }
        return null;
    }

    /// <summary>
    /// <c>l op r</c>. A division of a point-dependent floating-point value by a uniform one is
    /// recorded (<see cref="UniformDivisions"/>) and, with MultiplyByReciprocals, becomes
    /// <c>l * (1 / r)</c>, whose reciprocal the emitters compute once per launch.
    /// </summary>
    private Expr Binary(string op, Expr l, Expr r, SyntaxToken operatorToken, ExpressionSyntax divisor)
    {
        var quotient = new BinaryExpr(op, l, r);
        if (op != "/" || !ExprQueries.IsUniform(r, LocalsByName) || ExprQueries.IsUniform(l, LocalsByName)) return quotient;
        var type = ExprQueries.TypeOf(quotient, _element, LocalsByName);
        if (type is not (NumberType.Double or NumberType.Float)) return quotient;
        UniformDivisions.Add((operatorToken.GetLocation(), divisor.ToString()));
        return _multiplyByReciprocals ? new BinaryExpr("*", l, new BinaryExpr("/", new ConstantExpr(1.0, type), r)) : quotient;
    }

    private static bool IsLaunchConstant(Expr e) => e switch
    {
        ConstantExpr c => c.Type == NumberType.Int,
        ExtentExpr => true,
        ScalarExpr s => s.Type == NumberType.Int,
        UnaryExpr { Operator: "-" } u => IsLaunchConstant(u.Operand),
        BinaryExpr { Operator: "+" or "-" or "*" or "/" } b => IsLaunchConstant(b.Left) && IsLaunchConstant(b.Right),
        _ => false,
    };

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax p) expression = p.Expression;
        return expression;
    }

    /// <summary>Records where a read first appears, for diagnostics.</summary>
    private void Remember(Access access, Location location)
    {
        if (!ReadLocations.ContainsKey(access)) ReadLocations[access] = location;
    }

    private Expr? Unsupported(SyntaxNode node, string why)
    {
        Report(DiagnosticDescriptors.UnsupportedExpression, node.GetLocation(), node.ToString(), why);
        return null;
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private static string Describe(StatementSyntax statement) => statement switch
    {
        ForStatementSyntax => "A 'for' loop",
        ForEachStatementSyntax => "A 'foreach' loop",
        WhileStatementSyntax => "A 'while' loop",
        DoStatementSyntax => "A 'do' loop",
        ReturnStatementSyntax => "A 'return' statement",
        SwitchStatementSyntax => "A 'switch' statement",
        TryStatementSyntax => "A 'try' statement",
        ThrowStatementSyntax => "A 'throw' statement",
        _ => $"The statement '{statement.ToString().Split('\n')[0].Trim()}'",
    };
}
