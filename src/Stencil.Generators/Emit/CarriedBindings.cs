using System.Collections.Generic;
using System.Linq;
using Stencil.Generators.Differentiation;
using Stencil.Generators.Model;

namespace Stencil.Generators.Emit;

/// <summary>
/// Locals a SIMD x loop carries from one vector to the next instead of computing them (Devito's
/// cross-iteration redundancies, along x): a local whose value is, operation for operation, another
/// local's value one point to the left. In the flux form of a residual, the west face flux
/// <c>qxw = Pow(0.5 * (c + H[Ix]), 3) * (c - H[Ix]) * _dx</c> (with <c>c = H[Ix + 1]</c>) is the east
/// face flux <c>qxe = Pow(0.5 * (H[Ix + 2] + c), 3) * (H[Ix + 2] - c) * _dx</c> of the point before.
/// The loop computes the leader (<c>qxe</c>) and takes the follower from it and from the leader's
/// vector of the iteration before (<c>LaneShift.Previous</c>, one or two shuffles); the scalar
/// follower at the loop's first point starts the carry. Only the same operations on the same
/// operands in the same order count, so the values are the scalar loop's bit for bit: written
/// <c>0.5 * (H[Ix] + c)</c> instead, <c>qxw</c> would round apart from <c>qxe</c> and is computed.
/// </summary>
internal static class CarriedBindings
{
    /// <summary>
    /// Operations from which a follower is worth carrying: the shuffle costs one or two, and a plain
    /// load or a difference of two loads is as cheap to compute again.
    /// </summary>
    public const int MinimumWork = 4;

    /// <summary>
    /// Operations, with the locals it uses written out, up to which a local is compared. Locals that
    /// use earlier ones twice double in size with each level written out (random test kernels reached
    /// gigabytes); a face flux has about 10.
    /// </summary>
    public const int MaximumWork = 200;

    /// <summary>
    /// The followers among <paramref name="bindings"/> (a statement's point-dependent bindings, in
    /// order), each with its leader; only values of the element type (not masks). The loop computes
    /// each follower right after its leader (<see cref="Order"/>), so where the leader comes after
    /// the follower, none of the bindings in between may use it. A leader leads one follower and
    /// follows none.
    /// </summary>
    public static Dictionary<string, LocalBinding> Find(IReadOnlyList<LocalBinding> bindings, IReadOnlyDictionary<string, LocalBinding> locals, NumberType element)
    {
        var all = bindings.ToList();
        var sizes = new Dictionary<string, long>();
        var candidates = bindings.Where(b => b.Type == element && Size(b.Value, locals, sizes) <= MaximumWork).ToList();
        var inlined = candidates.Select(b => ExprQueries.Inline(b.Value, locals)).ToList();
        var values = inlined.Select(Canonical).ToList();
        var left = inlined.Select(e => Canonical(Shift.By(e, new Int3(1, 0, 0)))).ToList();
        var followers = new Dictionary<string, LocalBinding>();
        var leaders = new HashSet<string>();
        for (int f = 0; f < candidates.Count; f++)
        {
            if (Size(candidates[f].Value, locals, sizes) < MinimumWork || leaders.Contains(candidates[f].Name)) continue;
            for (int l = 0; l < candidates.Count; l++)
            {
                if (l == f || leaders.Contains(candidates[l].Name) || followers.ContainsKey(candidates[l].Name) || !left[l].Equals(values[f])) continue;
                if (UsedBefore(all, candidates[f].Name, candidates[l].Name)) continue;
                followers[candidates[f].Name] = candidates[l];
                leaders.Add(candidates[l].Name);
                break;
            }
        }
        return followers;
    }

    /// <summary>The order a loop computes the bindings in: each follower right after its leader.</summary>
    public static IEnumerable<LocalBinding> Order(IReadOnlyList<LocalBinding> bindings, Dictionary<string, LocalBinding> followers)
    {
        foreach (var binding in bindings)
        {
            if (followers.ContainsKey(binding.Name)) continue;
            yield return binding;
            foreach (var follower in bindings.Where(b => followers.TryGetValue(b.Name, out var leader) && leader.Name == binding.Name))
                yield return follower;
        }
    }

    /// <summary>The local that holds a leader's vector of the iteration before.</summary>
    public static string Before(string leader) => leader + "_before";

    /// <summary>Reads compared by field and offset alone (an operator's window is no part of the value).</summary>
    private static Expr Canonical(Expr e) => ExprQueries.Rewrite(e, x => x switch
    {
        ReadExpr r => new ReadExpr(Access.Point(r.Access.Field, r.Access.Offset)),
        AdjointReadExpr a => new AdjointReadExpr(Access.Point(a.Access.Field, a.Access.Offset)),
        _ => null,
    });

    /// <summary>The operations of an expression with its locals written out, counted without writing them out (each local's once).</summary>
    private static long Size(Expr e, IReadOnlyDictionary<string, LocalBinding> locals, Dictionary<string, long> sizes)
    {
        if (e is LocalExpr l)
        {
            if (!sizes.TryGetValue(l.Name, out long size))
                sizes[l.Name] = size = locals.TryGetValue(l.Name, out var binding) ? Size(binding.Value, locals, sizes) : 0;
            return size;
        }
        long own = e is UnaryExpr or BinaryExpr or CallExpr or ConditionalExpr ? 1 : 0;
        foreach (var child in ExprQueries.Children(e)) own = System.Math.Min(own + Size(child, locals, sizes), long.MaxValue / 2);
        return own;
    }

    /// <summary>Whether a binding after the follower, up to its leader, uses it (any binding: masks and large ones too).</summary>
    private static bool UsedBefore(List<LocalBinding> bindings, string follower, string leader)
    {
        int f = bindings.FindIndex(b => b.Name == follower), l = bindings.FindIndex(b => b.Name == leader);
        return l > f && bindings.Skip(f + 1).Take(l - f).Any(b => Uses(b.Value, follower));
    }

    private static bool Uses(Expr e, string local) => e is LocalExpr l ? l.Name == local : ExprQueries.Children(e).Any(c => Uses(c, local));
}
