namespace Stencil;

/// <summary>
/// The data misfit J = ½ Σ_k (u[c_k] − d_k)² of a state u observed at cells c_k (flat indices, x
/// fastest), and its derivative ∂J/∂u, which is zero away from the observations.
/// </summary>
public sealed class PointMisfit
{
    /// <summary>Observations <paramref name="data"/> at <paramref name="cells"/>.</summary>
    public PointMisfit(IReadOnlyList<int> cells, IReadOnlyList<double> data)
    {
        if (cells.Count != data.Count)
            throw new ArgumentException($"{cells.Count} observation cells but {data.Count} data values: give one value per cell.");
        Cells = cells;
        Data = data;
    }

    /// <summary>The observed cells.</summary>
    public IReadOnlyList<int> Cells { get; }

    /// <summary>The observed values.</summary>
    public IReadOnlyList<double> Data { get; }

    /// <summary>J(u).</summary>
    public double Cost(double[] u)
    {
        double cost = 0;
        for (int k = 0; k < Cells.Count; k++)
        {
            double r = u[Cells[k]] - Data[k];
            cost += 0.5 * r * r;
        }
        return cost;
    }

    /// <summary>∂J/∂u, a field of u's length that is zero away from the observations.</summary>
    public double[] Derivative(double[] u)
    {
        var g = new double[u.Length];
        for (int k = 0; k < Cells.Count; k++) g[Cells[k]] += u[Cells[k]] - Data[k];
        return g;
    }
}
