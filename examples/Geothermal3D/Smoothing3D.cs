using Stencil;
using Stencil.Distributed;

namespace Geothermal3D;

/// <summary>
/// The regularisation as a preconditioner: P g = S^passes g, S one explicit diffusion pass on inner
/// cells (<see cref="Darcy3D"/>.Smooth), applied to dJ/dlog K on the owned cells, halos updated after
/// every pass. The optimiser steps along smooth directions while its line search tests the true gradient.
/// </summary>
public sealed class Smoothing3D(Backend backend, GlobalGrid grid, int passes) : IPreconditioner, IDisposable
{
    private readonly Field<double> _a = backend.Allocate<double>(grid.Nx, grid.Ny, grid.Nz), _b = backend.Allocate<double>(grid.Nx, grid.Ny, grid.Nz);

    public void Apply(double[] gradient, double[] result)
    {
        grid.SetOwnedValues(_a, gradient);   // updates the halo too
        FieldOps.Copy(_b, _a);   // the boundary cells, which the passes leave alone
        var (a, b) = (_a, _b);
        for (int pass = 0; pass < passes; pass++)
        {
            Darcy3D.Smooth(backend, b, a);
            grid.UpdateHalo(b);
            (a, b) = (b, a);
        }
        grid.OwnedValues(a).CopyTo(result, 0);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
