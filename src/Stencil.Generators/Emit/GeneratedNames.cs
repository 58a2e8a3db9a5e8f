using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Keeps the user's parameter names from colliding with the names the generated code uses for its
/// own locals and members (<c>x0</c>, <c>sum</c>, <c>kernel</c>, <c>S0</c>, <c>A_nx</c> for a field
/// <c>A</c>, ...), so that any name a user chooses compiles. The file is emitted with a placeholder
/// for each parameter; every other identifier of the result is a name the generated code uses.
/// A parameter keeps its name in code unless it is one of those (or a C# keyword), in which case
/// it gets the first free <c>name_1</c>, <c>name_2</c>, ...; messages and comments show its own name.
/// Without collisions (the usual case) the file is emitted again from the user's names.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>A letter no emitter writes: placeholders are <c>ǂ0ǂ</c>, <c>ǂ1ǂ</c>, ...</summary>
    private const char Mark = '\u01C2';

    public static string Emit(KernelSpec kernel, Func<KernelSpec, string> emit)
    {
        var users = kernel.Parameters.Select(p => p.Name).ToList();
        var index = users.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        string text = emit(Rename(kernel, name => Placeholder(index[name])));

        var used = new HashSet<string>(StringComparer.Ordinal);
        var derived = new HashSet<string>(StringComparer.Ordinal);
        Scan(text, token => (token.IndexOf(Mark) < 0 ? used : derived).Add(token), _ => { });
        derived.RemoveWhere(t => IsPlaceholder(t));

        var codes = Choose(users, used, derived);
        // The usual case: no collision, and the file is emitted from the user's names (which also order some choices).
        // The emitters name a field's adjoint array by appending _bar and read the field back from such a name:
        // a user name containing _bar keeps the placeholders' reading.
        if (codes.SequenceEqual(users) && !users.Any(u => u.Contains("_bar"))) return emit(kernel);
        var result = new StringBuilder(text.Length);
        Scan(text, token => result.Append(Substitute(token, codes)), other => result.Append(Substitute(other, users)));
        return result.ToString();
    }

    private static string Placeholder(int i) => $"{Mark}{i}{Mark}";

    private static bool IsPlaceholder(string token)
        => token.Length > 2 && token[0] == Mark && token[token.Length - 1] == Mark && token.Substring(1, token.Length - 2).All(char.IsDigit);

    /// <summary>Code names: each user name unless it is taken by the generated code, a derived name, a keyword or an earlier parameter.</summary>
    private static List<string> Choose(List<string> users, HashSet<string> used, HashSet<string> derived)
    {
        var codes = users.ToList();
        for (int round = 0; round < 100; round++)
        {
            var derivedNow = new HashSet<string>(derived.Select(t => Substitute(t, codes)), StringComparer.Ordinal);
            bool changed = false;
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < codes.Count; i++)
            {
                int suffix = 0;
                string code = codes[i];
                while (SyntaxFacts.GetKeywordKind(code) != SyntaxKind.None || used.Contains(code) || derivedNow.Contains(code) || taken.Contains(code))
                    code = $"{users[i]}_{++suffix}";
                if (code != codes[i]) { codes[i] = code; changed = true; }
                taken.Add(code);
            }
            if (!changed) return codes;
        }
        throw new InvalidOperationException("No collision-free names for the parameters " + string.Join(", ", users));
    }

    private static string Substitute(string text, List<string> names)
    {
        if (text.IndexOf(Mark) < 0) return text;
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int end = text[i] == Mark ? text.IndexOf(Mark, i + 1) : -1;
            if (end > i + 1 && int.TryParse(text.Substring(i + 1, end - i - 1), out int p) && p < names.Count)
            {
                result.Append(names[p]);
                i = end;
            }
            else result.Append(text[i]);
        }
        return result.ToString();
    }

    /// <summary>
    /// Splits C# text into identifiers of code (<paramref name="identifier"/>) and everything else
    /// (<paramref name="other"/>: punctuation, numbers, strings, characters and comments, whole).
    /// </summary>
    private static void Scan(string text, Action<string> identifier, Action<string> other)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (IsIdentifierPart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i])) i++;
                string token = text.Substring(start, i - start);
                if (char.IsDigit(token[0])) other(token); else identifier(token);
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c is '"' or '\'')
            {
                for (i++; i < text.Length && text[i] != c; i++)
                    if (text[i] == '\\') i++;
                i++;
            }
            else i++;
            other(text.Substring(start, Math.Min(i, text.Length) - start));
        }
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == Mark;

    /// <summary>The kernel with every parameter renamed by <paramref name="name"/>, wherever it is used.</summary>
    private static KernelSpec Rename(KernelSpec kernel, Func<string, string> name)
    {
        Access Access(Access a) => a with { Field = name(a.Field) };
        Expr Expr(Expr e) => ExprQueries.Rewrite(e, x => x switch
        {
            ReadExpr r => new ReadExpr(Access(r.Access)),
            AdjointReadExpr r => new AdjointReadExpr(Access(r.Access)),
            ScalarExpr s => s with { Name = name(s.Name) },
            ExtentExpr e => e with { Field = name(e.Field) },
            InExtentExpr e => e with { Field = name(e.Field) },
            _ => null,
        });
        return kernel with
        {
            Parameters = kernel.Parameters.Select(p => p with { Name = name(p.Name) }).ToEquatableArray(),
            Locals = kernel.Locals.Select(b => b with { Value = Expr(b.Value) }).ToEquatableArray(),
            Assignments = kernel.Assignments.Select(a => a with
            {
                Target = Access(a.Target),
                Value = Expr(a.Value),
                Bounds = a.Bounds.Select(b => b with { Bound = Expr(b.Bound) }).ToEquatableArray(),
                Guard = a.Guard is null ? null : Expr(a.Guard),
            }).ToEquatableArray(),
        };
    }
}
