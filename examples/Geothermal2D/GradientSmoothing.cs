using Stencil;
using Stencil.Distributed;

namespace Geothermal2D;

/// <summary>
/// The published case's regularisation as a preconditioner: P g = S^passes g, with S one explicit
/// diffusion pass A ← A + 0.2 (∂²A/∂x² + ∂²A/∂y²) on inner points (<see cref="Regularisation"/>),
/// applied to dJ/dlog K (the owned cells of this process; halos are updated after every pass). The
/// optimisers step along smoothed directions while the line search tests the true gradient.
/// </summary>
public sealed class GradientSmoothing : IPreconditioner, IDisposable
{
    private readonly Backend _backend;
    private readonly GlobalGrid _grid;
    private readonly Field<double> _a, _b;

    public GradientSmoothing(Backend backend, GlobalGrid grid, int passes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        _backend = backend;
        _grid = grid;
        Passes = passes;
        _a = backend.Allocate<double>(grid.Nx, grid.Ny);
        _b = backend.Allocate<double>(grid.Nx, grid.Ny);
    }

    public int Passes { get; }

    public void Apply(double[] gradient, double[] result)
    {
        _grid.SetOwnedValues(_a, gradient);
        FieldOps.Copy(_b, _a);   // the boundary points, which the passes leave alone
        var (a, b) = (_a, _b);
        for (int pass = 0; pass < Passes; pass++)
        {
            Regularisation.Smooth(_backend, b, a);
            _grid.UpdateHalo(b);
            (a, b) = (b, a);
        }
        _grid.OwnedValues(a).CopyTo(result, 0);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
