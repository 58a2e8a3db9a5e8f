using System.ComponentModel;

namespace Stencil.CompilerServices;

/// <summary>
/// A generated native CPU kernel: the worker threads of a <see cref="CpuBackend"/> call
/// <see cref="Execute"/> on disjoint ranges of rows. Instances are reused across launches.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CpuKernel
{
    /// <summary>Computes rows <paramref name="begin"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public abstract void Execute(int begin, int end);
}
