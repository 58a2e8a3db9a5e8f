namespace Stencil;

/// <summary>
/// Inputs defined on the global grid, set block by block: each process evaluates a function of the
/// global indices on its own points (ImplicitGlobalGrid's <c>x_g</c>, <c>y_g</c>, <c>z_g</c>), so
/// that the same code gives the same global input on any number of processes.
/// </summary>
public static class GridFunctions
{
    /// <summary>This process's values (x fastest, halo points included) of a field of local extents <paramref name="nx"/> x <paramref name="ny"/>, from a function of the global indices.</summary>
    public static double[] Local(this IGlobalGrid grid, int nx, int ny, Func<int, int, double> value)
    {
        var values = new double[(long)nx * ny];
        for (int j = 0, p = 0; j < ny; j++)
            for (int i = 0; i < nx; i++, p++)
                values[p] = value(grid.GlobalIndex(0, i, nx), grid.GlobalIndex(1, j, ny));
        return values;
    }

    /// <summary>This process's values (x fastest, halo points included) of a field of local extents <paramref name="nx"/> x <paramref name="ny"/> x <paramref name="nz"/>, from a function of the global indices.</summary>
    public static double[] Local(this IGlobalGrid grid, int nx, int ny, int nz, Func<int, int, int, double> value)
    {
        var values = new double[(long)nx * ny * nz];
        for (int k = 0, p = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++, p++)
                    values[p] = value(grid.GlobalIndex(0, i, nx), grid.GlobalIndex(1, j, ny), grid.GlobalIndex(2, k, nz));
        return values;
    }

    /// <summary>
    /// The values at the points this process owns, in the order of <see cref="IGlobalGrid.OwnedValues{T}"/>
    /// (a parameter vector), of a function of the global indices, for a field of local extents
    /// <paramref name="nx"/> x <paramref name="ny"/>.
    /// </summary>
    public static double[] Owned(this IGlobalGrid grid, int nx, int ny, Func<int, int, double> value)
    {
        var (x0, x1) = grid.OwnedRange(0, nx);
        var (y0, y1) = grid.OwnedRange(1, ny);
        var values = new double[(x1 - x0) * (y1 - y0)];
        for (int j = y0, p = 0; j < y1; j++)
            for (int i = x0; i < x1; i++, p++)
                values[p] = value(grid.GlobalIndex(0, i, nx), grid.GlobalIndex(1, j, ny));
        return values;
    }

    /// <inheritdoc cref="Owned(IGlobalGrid, int, int, Func{int, int, double})"/>
    public static double[] Owned(this IGlobalGrid grid, int nx, int ny, int nz, Func<int, int, int, double> value)
    {
        var (x0, x1) = grid.OwnedRange(0, nx);
        var (y0, y1) = grid.OwnedRange(1, ny);
        var (z0, z1) = grid.OwnedRange(2, nz);
        var values = new double[(x1 - x0) * (y1 - y0) * (z1 - z0)];
        for (int k = z0, p = 0; k < z1; k++)
            for (int j = y0; j < y1; j++)
                for (int i = x0; i < x1; i++, p++)
                    values[p] = value(grid.GlobalIndex(0, i, nx), grid.GlobalIndex(1, j, ny), grid.GlobalIndex(2, k, nz));
        return values;
    }
}
