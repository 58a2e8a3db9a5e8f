using Geothermal3D;
using Stencil.Distributed;

namespace Stencil.Tests;

/// <summary>The 3D geothermal example on one process: its kernels' adjoints, its steady state, its gradient and the quick run.</summary>
public sealed class Geothermal3DTests
{
    private static Case3D Case(Backend backend, int nx, int ny, int nz) => new(backend, GlobalGrid.FromGlobalSize(nx, ny, nz));

    [Fact]
    public void The_residual_kernels_pass_the_dot_product_test()
    {
        using var backend = Backends.Cpu(1);
        using var c = Case(backend, 9, 7, 6);
        c.Pf.CopyFromHost(Grid.Random(c.Pf.Length, 1, -1, 1));
        c.K.CopyFromHost(Grid.Random(c.K.Length, 2, 0.1, 2));
        c.Qx.CopyFromHost(Grid.Random(c.Qx.Length, 3, -1, 1));
        c.Qy.CopyFromHost(Grid.Random(c.Qy.Length, 4, -1, 1));
        c.Qz.CopyFromHost(Grid.Random(c.Qz.Length, 5, -1, 1));
        Derivatives.DotProductTest(backend, Darcy3D.ResidualFluxesKernel, [c.Rqx, c.Rqy, c.Rqz, c.Qx, c.Qy, c.Qz, c.Pf, c.K], [c.Dx, c.Dy, c.Dz]).RelativeError.ShouldBeLessThan(1e-12);
        Derivatives.DotProductTest(backend, Darcy3D.ResidualPressureKernel, [c.RPf, c.Qx, c.Qy, c.Qz, c.Qf], [c.Dx, c.Dy, c.Dz]).RelativeError.ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void The_forward_solve_satisfies_Darcy_written_as_loops()
    {
        using var backend = Backends.Cpu(2);
        using var c = Case(backend, 16, 8, 8);
        var observed = c.ObservationCells();
        var tight = c.ForwardOptions with { Tolerance = 1e-11, MaxIterations = 2000 * c.NxGlobal };
        using var objective = c.Objective(observed, tight, tight);
        objective.Solve(c.Owned((i, j, k) => Math.Log(c.TruePermeability(i, j, k))));
        objective.LastForward!.Converged.ShouldBeTrue();
        // ∇·(−K_face ∇Pf) = Qf at every cell, K on a face the mean of its two cells, no flux through the boundary.
        int nx = c.Nx, ny = c.Ny, nz = c.Nz;
        var p = c.Pf.ToArray();
        var kk = c.K.ToArray();
        var q = c.Qf.ToArray();
        double worst = 0;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int at = x + nx * (y + ny * z);
                    // The flux out of the cell through the face to a neighbour, over the spacing: the divergence is their sum.
                    double Out(int other, double spacing) => -0.5 * (kk[at] + kk[other]) * (p[other] - p[at]) / (spacing * spacing);
                    double divergence = 0;
                    if (x > 0) divergence += Out(at - 1, c.Dx);
                    if (x < nx - 1) divergence += Out(at + 1, c.Dx);
                    if (y > 0) divergence += Out(at - nx, c.Dy);
                    if (y < ny - 1) divergence += Out(at + nx, c.Dy);
                    if (z > 0) divergence += Out(at - nx * ny, c.Dz);
                    if (z < nz - 1) divergence += Out(at + nx * ny, c.Dz);
                    worst = Math.Max(worst, Math.Abs(divergence - q[at]));
                }
        worst.ShouldBeLessThan(1e-8 * q.Max(Math.Abs));
    }

    [Fact]
    public void Gradient_of_J_log_K_matches_central_differences()
    {
        using var backend = Backends.Cpu(2);
        using var c = Case(backend, 16, 8, 8);
        var observed = c.ObservationCells();
        var tight = c.ForwardOptions with { Tolerance = 1e-12, MaxIterations = 2000 * c.NxGlobal };
        var tightAdjoint = c.AdjointOptions with { RelativeTolerance = 1e-13, MaxIterations = 2000 * c.NxGlobal };
        double[] data;
        using (var synthetic = c.Objective(observed, tight, tightAdjoint))
        {
            synthetic.Solve(c.Owned((i, j, k) => Math.Log(c.TruePermeability(i, j, k))));
            data = synthetic.ObservedValues();
        }
        using var objective = c.Objective(observed, tight, tightAdjoint);
        objective.Data = data;
        var m = Grid.Random(objective.Parameters, 8, -0.5, 0.5);
        var g = new double[m.Length];
        objective.CostAndGradient(m, g);
        foreach (var (x, y, z) in new[] { (1.0, 0.5, 0.5), (0.9, 0.6, 0.3), (1.2, 0.4, 0.6) })
        {
            var (i, j, k) = c.GlobalCell(x, y, z);
            int cell = i + c.Nx * (j + c.Ny * k);
            const double h = 1e-5;
            var plus = (double[])m.Clone();
            var minus = (double[])m.Clone();
            plus[cell] += h;
            minus[cell] -= h;
            double fd = (objective.Cost(plus) - objective.Cost(minus)) / (2 * h);
            // Cells where J changes well above the noise of the solves (10⁻¹² of the sources).
            Math.Abs(fd).ShouldBeGreaterThan(1e-2 * g.Max(Math.Abs));
            g[cell].ShouldBe(fd, 1e-5 * Math.Abs(fd), $"dJ/dlogK at cell ({i}, {j}, {k}); {objective.LastForward}; {objective.LastAdjoint}");
        }
    }

    [Fact]
    public void The_GPU_kernels_give_the_cost_and_gradient_of_the_CPU_kernels()
    {
        // ILGPU's CPU simulator runs the kernels that a GPU runs; the grid is small because it is slow.
        (double Cost, double[] Gradient) Evaluate(Backend backend)
        {
            using var c = Case(backend, 16, 8, 8);
            var observed = c.ObservationCells();
            double[] data;
            using (var synthetic = c.Objective(observed))
            {
                synthetic.Solve(c.Owned((i, j, k) => Math.Log(c.TruePermeability(i, j, k))));
                data = synthetic.ObservedValues();
            }
            using var objective = c.Objective(observed);
            objective.Data = data;
            var g = new double[objective.Parameters];
            double cost = objective.CostAndGradient(new double[g.Length], g);
            return (cost, g);
        }
        using var cpu = Backends.Cpu(2);
        using var simulator = Backends.IlgpuCpu();
        var (cost, gradient) = Evaluate(cpu);
        var (gpuCost, gpuGradient) = Evaluate(simulator);
        gpuCost.ShouldBe(cost, 1e-12 * cost);
        double scale = gradient.Max(Math.Abs);
        scale.ShouldBeGreaterThan(0);
        for (int i = 0; i < gradient.Length; i++) gpuGradient[i].ShouldBe(gradient[i], 1e-10 * scale, $"dJ/dlogK at {i}");
    }

    [Fact]
    public void Quick_run_finds_the_slab_below_its_surroundings_and_writes_its_outputs()
    {
        string output = Path.Combine(Path.GetTempPath(), $"geothermal3d-run-{Guid.NewGuid():N}");
        try
        {
            Run3D.Execute(Geothermal3D.Options.Parse(["--quick", "--out", output, "--threads", "2"])).ShouldBe(0);
            foreach (var file in new[] { "log10K_true_xy.png", "log10K_recovered_xy.png", "log10K_true_xz.png", "log10K_recovered_xz.png", "convergence.png", "summary.json" })
                new FileInfo(Path.Combine(output, file)).Length.ShouldBeGreaterThan(100, file);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            var root = summary.RootElement;
            root.GetProperty("unconverged_solves").GetInt32().ShouldBe(0);
            root.GetProperty("cost_reduction").GetDouble().ShouldBeLessThan(0.5);
            root.GetProperty("log10K_slab_mean").GetDouble().ShouldBeLessThan(root.GetProperty("log10K_surroundings_mean").GetDouble() - 0.1);
            root.GetProperty("forward_teff_gb_s").GetDouble().ShouldBeGreaterThan(0);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
