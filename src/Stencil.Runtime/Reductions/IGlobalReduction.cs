namespace Stencil;

/// <summary>
/// Combines values computed on this process with the same values on every other process: the
/// place where optimisers meet distributed memory. A single process uses <see cref="SingleProcess"/>;
/// a distributed run passes its global grid, and the algorithms stay as they are.
/// </summary>
public interface IGlobalReduction
{
    /// <summary>The maximum over all processes.</summary>
    double Max(double local);

    /// <summary>Σ of <paramref name="values"/> over all processes (each process passes the entries it owns).</summary>
    double Sum(ReadOnlySpan<double> values);

    /// <summary>Σ aᵢ·bᵢ over all processes (each process passes the entries it owns).</summary>
    double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b);
}
