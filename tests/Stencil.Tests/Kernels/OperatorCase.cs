using Stencil;

namespace Stencil.Tests.Kernels;

/// <summary>
/// One operator under test: its generated launcher (writing <c>All(R) = Op(A)</c>), its
/// derivatives descriptor, and an
/// independent reference value at point (ix, iy, iz) given a reader of A.
/// <see cref="Axes"/> gives the result extent: '-' keeps n, 'a' is n-1, 'i' and 'c' are n-2.
/// </summary>
public sealed record OperatorCase(
    string Name,
    int Rank,
    string Axes,
    Action<Backend, Field<double>, Field<double>> Run,
    DifferentiableKernel<double> Kernel,
    Func<Func<int, int, int, double>, int, int, int, double> Reference)
{
    public int ResultExtent(int axis, int n) => axis >= Rank ? 1 : Axes[axis] switch { '-' => n, 'a' => n - 1, _ => n - 2 };

    public override string ToString() => $"{Name} ({Rank}D)";
}
