using Stencil;

namespace ShallowIce2D;

/// <summary>
/// The published smoothing pass as a preconditioner: P g = S^passes g, S one pass
/// A ← A + 0.125 (sum of the four neighbours − 4 A), the edges without flux. S is
/// symmetric with eigenvalues in [0, 1], so −P g is a descent direction, and every step of the
/// inversion is smooth while its line search tests the true gradient.
/// </summary>
public sealed class Smoothing(int n, int passes) : IPreconditioner
{
    private readonly double[] _work = new double[n * n];

    /// <summary>The passes that spread a point over about <paramref name="length"/>: each pass adds dx²/4 to the variance.</summary>
    public static int Passes(double length, double dx) => (int)Math.Ceiling(4 * length * length / (dx * dx));

    public void Apply(double[] gradient, double[] result)
    {
        gradient.CopyTo(result, 0);
        for (int pass = 0; pass < passes; pass++)
        {
            result.CopyTo(_work, 0);
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    double a = _work[i + n * j];
                    double sum = Neighbour(i - 1, j, a) + Neighbour(i + 1, j, a) + Neighbour(i, j - 1, a) + Neighbour(i, j + 1, a);
                    result[i + n * j] = a + 0.125 * (sum - 4 * a);
                }
        }
    }

    /// <summary>The value at (i, j), or at the edge the point's own value (no flux through the boundary).</summary>
    private double Neighbour(int i, int j, double own) => i < 0 || j < 0 || i >= n || j >= n ? own : _work[i + n * j];
}
