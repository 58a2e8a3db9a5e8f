namespace Stencil.Generators.Model;

/// <summary>
/// A piece of adjoint work at one point: where <see cref="Guard"/> holds, compute
/// <see cref="Bindings"/> in order, then <see cref="Value"/> is added to the accumulator.
/// Everything is already expressed at the point the adjoint kernel iterates over.
/// </summary>
internal sealed record AdjointBlock(string Comment, Expr Guard, EquatableArray<LocalBinding> Bindings, Expr Value);

/// <summary>
/// The gather for one input field A: one thread per point q of A sums every block (one per read
/// of A at an offset o by a statement s, evaluated at p = q - o) and adds the sum to the adjoint of A.
/// </summary>
internal sealed record GatherSpec(string Field, EquatableArray<AdjointBlock> Blocks);

/// <summary>
/// The adjoint of a field updated in place (read at the offset where it is written): at each point p,
/// its new adjoint at p + offset is 0 where the old value was overwritten (else the seed itself),
/// plus the blocks.
/// </summary>
internal sealed record InPlaceUpdate(string Field, Int3 Offset, Expr Overwritten, EquatableArray<AdjointBlock> Blocks);

/// <summary>
/// The reverse-mode (vector-Jacobian product) kernel of a <see cref="KernelSpec"/> in gather form:
/// every adjoint array element is written by exactly one thread, so no atomics are needed and
/// results are bitwise reproducible.
/// </summary>
internal sealed record AdjointSpec(
    KernelSpec Primal,
    EquatableArray<string> Outputs,
    EquatableArray<GatherSpec> Gathers,
    EquatableArray<InPlaceUpdate> InPlace);
