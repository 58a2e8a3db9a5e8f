namespace Stencil;

/// <summary>
/// Marks a <c>static void</c> method of a <c>static partial</c> class as a stencil kernel. The source
/// generator reads its body (operator form with <see cref="FiniteDifferences2D"/> and friends, or
/// index form with <see cref="Indices"/>) and emits a launcher with the same name that takes a
/// <see cref="Backend"/> first and runs the kernel on it. The method body itself is never executed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StencilAttribute : Attribute
{
    /// <summary>
    /// When true, a division by a value that is the same at every point (a scalar parameter, a
    /// constant, or a local computed from them), such as <c>q / dx</c>, multiplies by the reciprocal
    /// instead, <c>q * (1 / dx)</c>, with <c>1 / dx</c> computed once per launch: what ParallelStencil's
    /// miniapps do by hand with <c>_dx = 1 / dx</c>. Divisions are several times slower than
    /// multiplications on CPUs and GPUs, enough to bound a kernel with several of them per point
    /// by arithmetic rather than memory. Each such quotient then
    /// rounds differently (by about an ulp), and the forward, tangent and reverse-mode kernels all
    /// compute it this way. Off by default: the kernels compute what the method says, rounding included.
    /// The generator suggests it (STENCIL017) for kernels with 4 or more such divisions.
    /// </summary>
    public bool MultiplyByReciprocals { get; init; }

    /// <summary>
    /// When true (the default), every field a statement of the operator form reads must have exactly
    /// the extents its operators need for the selection the statement writes, as in ParallelStencil,
    /// where the operators' arrays combine element by element: in <c>InnX(Rqx) = AvXa(K) * DXa(P)</c>,
    /// <c>Rqx</c> is one point longer along x than <c>K</c> and <c>P</c>. The launcher checks it
    /// and names the field, its extents and the extents it needs: a residual allocated one point too
    /// short would otherwise compute fewer points, and an input one point too long would be read
    /// misaligned. Set it to false to use part of a larger field on purpose.
    /// </summary>
    public bool ExactExtents { get; init; } = true;
}
