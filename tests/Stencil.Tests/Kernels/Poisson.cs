using Stencil;
using static Stencil.Indices;

namespace Stencil.Tests.Kernels;

/// <summary>1D steady diffusion −(k H')' = f with Dirichlet ends: a problem with known solutions for the solvers.</summary>
public static partial class Poisson
{
    /// <summary>H on n vertices, k on the n−1 cells between them; the residual lives on inner vertices.</summary>
    [Stencil]
    static void Residual(Field<double> R, Field<double> H, Field<double> k, Field<double> f, double dx)
    {
        R[Ix + 1] = -(k[Ix + 1] * (H[Ix + 2] - H[Ix + 1]) - k[Ix] * (H[Ix + 1] - H[Ix])) / (dx * dx) - f[Ix + 1];
    }
}
