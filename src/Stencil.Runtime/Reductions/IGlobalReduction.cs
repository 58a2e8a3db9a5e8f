namespace Stencil;

/// <summary>
/// Combines a value computed on this process with the same value on every other process: the one
/// place where solvers and optimisers meet distributed memory. A single process uses
/// <see cref="SingleProcess"/>; MPI runs plug in an allreduce without touching the algorithms.
/// </summary>
public interface IGlobalReduction
{
    /// <summary>The sum over all processes.</summary>
    double Sum(double local);

    /// <summary>The maximum over all processes.</summary>
    double Max(double local);
}

/// <summary>The reduction of a run on one process: the local value is the global one.</summary>
public sealed class SingleProcess : IGlobalReduction
{
    /// <summary>The shared instance.</summary>
    public static readonly SingleProcess Instance = new();

    private SingleProcess()
    {
    }

    /// <inheritdoc />
    public double Sum(double local) => local;

    /// <inheritdoc />
    public double Max(double local) => local;
}
