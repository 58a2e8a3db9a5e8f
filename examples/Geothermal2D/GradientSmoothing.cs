using Stencil;

namespace Geothermal2D;

/// <summary>
/// The published case's regularisation as a preconditioner: P g = S^passes g, with S one explicit
/// diffusion pass A ← A + 0.2 (∂²A/∂x² + ∂²A/∂y²) on inner points (<see cref="Regularisation"/>),
/// applied to dJ/dlog K. The optimisers step along smoothed directions while the line search tests
/// the true gradient.
/// </summary>
public sealed class GradientSmoothing : IPreconditioner, IDisposable
{
    private readonly Backend _backend;
    private readonly Field<double> _a, _b;

    public GradientSmoothing(Backend backend, int nx, int ny, int passes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        _backend = backend;
        Passes = passes;
        _a = backend.Allocate<double>(nx, ny);
        _b = backend.Allocate<double>(nx, ny);
    }

    public int Passes { get; }

    public void Apply(double[] gradient, double[] result)
    {
        _a.CopyFromHost(gradient);
        FieldOps.Copy(_b, _a);   // the boundary points, which the passes leave alone
        var (a, b) = (_a, _b);
        for (int pass = 0; pass < Passes; pass++)
        {
            Regularisation.Smooth(_backend, b, a);
            (a, b) = (b, a);
        }
        a.CopyToHost(result);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
