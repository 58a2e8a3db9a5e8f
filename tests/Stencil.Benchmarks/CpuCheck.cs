using Stencil;

namespace Stencil.Benchmarks;

/// <summary>
/// A benchmark kernel's arrays on one backend, and its forward and adjoint launches on them.
/// Disposing it frees the arrays.
/// </summary>
internal sealed class KernelCase(IReadOnlyList<Field<double>> arrays, Action forward, Action adjoint) : IDisposable
{
    public IReadOnlyList<Field<double>> Arrays { get; } = arrays;

    public Action Forward { get; } = forward;

    public Action Adjoint { get; } = adjoint;

    public void Dispose()
    {
        foreach (var array in Arrays) array.Dispose();
    }
}

/// <summary>
/// A GPU (or other ILGPU) backend's results checked against the native CPU backend before they are
/// timed: the same inputs on both, one forward launch, then one adjoint launch, and after each the
/// largest difference over the kernel's arrays, each relative to that array's largest magnitude
/// on the CPU. The backends need not agree bit for bit (a GPU compiler may fuse a multiplication
/// and an addition), so the check has a tolerance: a wrong index or a lost term moves a result by
/// far more.
/// </summary>
internal static class CpuCheck
{
    public const double Tolerance = 1e-12;

    public static (double Forward, double Adjoint) Deviations(Backend backend, Backend cpu, Func<Backend, KernelCase> make)
    {
        using var device = make(backend);
        using var reference = make(cpu);
        device.Forward();
        reference.Forward();
        double forward = Deviation(device, reference);
        device.Adjoint();
        reference.Adjoint();
        return (forward, Deviation(device, reference));
    }

    private static double Deviation(KernelCase device, KernelCase reference)
    {
        double worst = 0;
        for (int i = 0; i < reference.Arrays.Count; i++)
        {
            var values = Host(reference.Arrays[i]);
            var other = Host(device.Arrays[i]);
            double scale = values.Max(Math.Abs), difference = 0;
            for (long j = 0; j < values.Length; j++) difference = Math.Max(difference, Math.Abs(other[j] - values[j]));
            // NaN on either side counts as a difference (Math.Max keeps it; a comparison would not).
            worst = Math.Max(worst, scale > 0 ? difference / scale : difference);
        }
        return worst;
    }

    private static double[] Host(Field<double> field)
    {
        var host = new double[field.Length];
        field.CopyToHost(host);
        return host;
    }
}
