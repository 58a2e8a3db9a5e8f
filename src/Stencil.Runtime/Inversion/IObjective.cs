namespace Stencil;

/// <summary>A cost J(m) of a parameter vector m and its gradient, as the optimisers see it.</summary>
public interface IObjective
{
    /// <summary>J(m).</summary>
    double Cost(double[] m);

    /// <summary>J(m), writing dJ/dm into <paramref name="gradient"/>.</summary>
    double CostAndGradient(double[] m, double[] gradient);
}
