using Geothermal2D;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// Launches restricted to boxes that partition the points (<see cref="LaunchRegion"/>) compute what
/// one launch computes, bit for bit: what hiding a halo exchange behind the interior relies on.
/// The boxes cut rows at odd places, so that SIMD loops start and end inside vectors.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class LaunchRegionTests(BackendFixture backends)
{
    private const int Far = 1 << 30;

    /// <summary>One process whose "hidden" exchanges launch the computation box by box over a partition.</summary>
    private sealed class RegionGrid(Box[] partition) : IGlobalGrid
    {
        public int Splits { get; private set; }
        public int Rank => 0;
        public int Processes => 1;
        public double Max(double local) => local;
        public double Sum(ReadOnlySpan<double> values) => SingleProcess.Instance.Sum(values);
        public double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => SingleProcess.Instance.Dot(a, b);
        public void UpdateHalo<T>(params ReadOnlySpan<Field<T>> fields) where T : unmanaged { }
        public double MaxAbs<T>(Field<T> field) where T : unmanaged => Reduce.MaxAbs(field);
        public int GlobalExtent(int axis, int localExtent) => localExtent;
        public int GlobalIndex(int axis, int index, int localExtent) => index;
        public (int Start, int End) OwnedRange(int axis, int localExtent) => (0, localExtent);
        public double[] OwnedValues<T>(Field<T> field) where T : unmanaged => SingleProcess.Instance.OwnedValues(field);
        public void SetOwnedValues<T>(Field<T> field, ReadOnlySpan<double> values) where T : unmanaged => SingleProcess.Instance.SetOwnedValues(field, values);

        public void HideCommunication<T>(IReadOnlyList<int> boundaryWidths, Action compute, params ReadOnlySpan<Field<T>> fields) where T : unmanaged
        {
            Splits++;
            foreach (var region in partition)
                using (LaunchRegion.Restrict(region))
                    compute();
        }
    }

    /// <summary>x below 5, x above nx − 7, then y below 3 and above ny − 4 of the rest, then the interior.</summary>
    private static Box[] Partition(int nx, int ny)
    {
        static Box Make(int x0, int x1, int y0, int y1) => new() { XLo = x0, XHi = x1, YLo = y0, YHi = y1, ZLo = -Far, ZHi = Far };
        return
        [
            Make(-Far, 4, -Far, Far), Make(nx - 6, Far, -Far, Far),
            Make(5, nx - 7, -Far, 2), Make(5, nx - 7, ny - 3, Far),
            Make(5, nx - 7, 3, ny - 4),
        ];
    }

    [Theory]
    [InlineData("cpu", 23)]
    [InlineData("ilgpu-cpu", 9)]
    public void Forward_and_adjoint_solves_launched_box_by_box_give_the_bits_of_whole_launches(string backendName, int ny)
    {
        var backend = backends.Get(backendName);
        var (expected, _) = Solve(null);
        var grid = new RegionGrid(Partition(2 * ny + 2, ny + 1));
        var (actual, hidden) = Solve(grid);
        grid.Splits.ShouldBeGreaterThan(0);
        hidden.ShouldBe(["qx", "qy", "Pf"]);
        for (int f = 0; f < expected.Length; f++) actual[f].ShouldBe(expected[f], $"field {f} (Pf, qx, qy, Ψ_qx, Ψ_qy, Ψ_Pf)");

        (double[][] Fields, IReadOnlyList<string> StepsInKernels) Solve(IGlobalGrid? grid)
        {
            using var c = Cases.Published(backend, ny);
            c.SetPermeability(c.Local((i, j) => 1 + 0.5 * Math.Sin(0.3 * i + 0.7 * j)));
            var problem = new SteadyProblem<double>(backend, grid)
                .State("qx", c.Qx, c.Rqx, PseudoTransientParameters.FluxStep(Case.Cfl, c.Nx, Case.Re))
                .State("qy", c.Qy, c.Rqy, PseudoTransientParameters.FluxStep(Case.Cfl, c.Ny, Case.Re))
                .State("Pf", c.Pf, c.RPf, c.PfStep)
                .Residual(Darcy.ResidualFluxesKernel, [c.Rqx, c.Rqy, c.Qx, c.Qy, c.Pf, c.K], [c.Dx, c.Dy])
                .Residual(Darcy.ResidualPressureKernel, [c.RPf, c.Qx, c.Qy, c.Qf], [c.Dx, c.Dy]);
            var options = new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 12, CheckEvery = 5, HideCommunication = [1] };
            PseudoTransientSolver.Solve(problem, options);
            using var dJdPf = Grid.Upload(backend, Grid.Random(c.Nx * c.Ny, 7, -1, 1), c.Nx, c.Ny);
            using var adjoint = new AdjointSolver<double>(problem);
            var result = adjoint.Solve([null, null, dJdPf], [PseudoTransientParameters.FluxStep(Case.Cfl, c.Nx, Case.Re),
                PseudoTransientParameters.FluxStep(Case.Cfl, c.Ny, Case.Re), c.PfStep], options);
            return ([c.Pf.ToArray(), c.Qx.ToArray(), c.Qy.ToArray(), .. adjoint.Psi.Select(p => p.ToArray())], result.StepsInKernels);
        }
    }
}
