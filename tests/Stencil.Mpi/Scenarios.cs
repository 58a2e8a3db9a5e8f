using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Geothermal2D;
using Stencil.Distributed;

namespace Stencil.Mpi;

/// <summary>
/// What the MPI tests run. Each scenario checks the local blocks of every rank against a global
/// reference computed on every rank from global indices, and prints (on rank 0) digests of gathered
/// results, which the tests compare between runs on different numbers of processes.
/// </summary>
public static class Scenarios
{
    public static int Run(string name, string[] args) => name switch
    {
        "halo" => Halo(args),
        "reduce" => Reductions(args),
        "darcy" => DarcySolve(args),
        _ => throw new ArgumentException($"Unknown scenario '{name}'."),
    };

    /// <summary>A smooth function of the global index, different for every field and point.</summary>
    private static double Value(int field, int gi, int gj, int gk) => field * 1000.0 + gi + 0.01 * gj + 1e-4 * gk + Math.Sin(gi + 2.0 * gj + 3.0 * gk);

    private static int[] Sizes(string text) => text.Split('x').Select(int.Parse).ToArray();

    private static string? Option(string[] args, string name) => args.FirstOrDefault(a => a.StartsWith(name + "="))?[(name.Length + 1)..];

    /// <summary>halo NXxNY[xNZ] backend double|float [periodic] [overlap=N] [dims=AxB[xC]]: every kind of staggered field.</summary>
    private static int Halo(string[] args)
    {
        var global = Sizes(args[0]);
        bool periodic = args.Contains("periodic");
        int overlap = Option(args, "overlap") is { } o ? int.Parse(o) : 2;
        var options = new GlobalGridOptions
        {
            Periodic = [periodic, periodic, periodic],
            Overlaps = [overlap, overlap, overlap],
            Dims = Option(args, "dims") is { } dims ? Sizes(dims) : [],
        };
        using var grid = GlobalGrid.FromGlobalSize(global[0], global.Length > 1 ? global[1] : 1, global.Length > 2 ? global[2] : 1, options);
        using var backend = grid.CreateBackend(args[1]);
        int failures = args[2] == "float" ? HaloOf<float>(grid, backend) : HaloOf<double>(grid, backend);
        Report(grid, failures, $"halo {grid}");
        return failures == 0 ? 0 : 1;
    }

    private static int HaloOf<T>(GlobalGrid grid, Backend backend) where T : unmanaged, IFloatingPoint<T>
    {
        int d = grid.Dimensions;
        int[] n = [grid.Nx, grid.Ny, grid.Nz];
        // The block, one larger and one smaller along each axis (faces, and a field with overlap 1).
        var shapes = new List<int[]> { n };
        for (int axis = 0; axis < d; axis++)
        {
            var larger = (int[])n.Clone();
            larger[axis]++;
            shapes.Add(larger);
            var smaller = (int[])n.Clone();
            smaller[axis]--;
            shapes.Add(smaller);
        }
        var fields = shapes.Select(s => d switch
        {
            1 => backend.Allocate<T>(s[0]),
            2 => backend.Allocate<T>(s[0], s[1]),
            _ => backend.Allocate<T>(s[0], s[1], s[2]),
        }).ToArray();
        var sentinel = T.CreateTruncating(-12345.0);
        var hosts = new T[fields.Length][];
        for (int f = 0; f < fields.Length; f++)
        {
            var field = fields[f];
            var host = new T[field.Length];
            ForEach(field, (i, j, k, p) => host[p] = Owned(grid, field, i, j, k) ? Expected<T>(grid, f, field, i, j, k) : sentinel);
            field.CopyFromHost(host);
            hosts[f] = host;
        }
        grid.UpdateHalo<T>(fields);
        grid.UpdateHalo<T>(fields);   // a second update reuses the buffers and changes nothing
        int failures = 0;
        for (int f = 0; f < fields.Length; f++)
        {
            var field = fields[f];
            var after = field.ToArray();
            ForEach(field, (i, j, k, p) =>
            {
                // Owned points keep their values; the rest hold the owner's value where the field shares a halo along
                // every axis on which the point is not owned, and stay as they were where it does not (overlap < 2).
                bool refreshed = true;
                int[] index = [i, j, k];
                int[] extent = [field.Nx, field.Ny, field.Nz];
                for (int axis = 0; axis < d; axis++)
                {
                    var (start, end) = grid.OwnedRange(axis, extent[axis]);
                    if ((index[axis] < start || index[axis] >= end) && grid.FieldOverlap(axis, extent[axis]) < 2) refreshed = false;
                }
                var want = refreshed ? Expected<T>(grid, f, field, i, j, k) : hosts[f][p];
                if (after[p] != want)
                {
                    if (failures++ < 5) Console.Error.WriteLine($"rank {grid.Rank}: field {field.ShapeText} at ({i},{j},{k}) holds {after[p]}, expected {want}");
                }
            });
        }
        foreach (var field in fields) field.Dispose();
        return failures;
    }

    private static T Expected<T>(GlobalGrid grid, int f, Field<T> field, int i, int j, int k) where T : unmanaged, IFloatingPoint<T>
    {
        int gi = grid.GlobalIndex(0, i, field.Nx);
        int gj = grid.Dimensions > 1 ? grid.GlobalIndex(1, j, field.Ny) : 0;
        int gk = grid.Dimensions > 2 ? grid.GlobalIndex(2, k, field.Nz) : 0;
        return T.CreateTruncating(Value(f, gi, gj, gk));
    }

    private static bool Owned<T>(GlobalGrid grid, Field<T> field, int i, int j, int k) where T : unmanaged
    {
        int[] index = [i, j, k];
        int[] extent = [field.Nx, field.Ny, field.Nz];
        for (int axis = 0; axis < grid.Dimensions; axis++)
        {
            var (start, end) = grid.OwnedRange(axis, extent[axis]);
            if (index[axis] < start || index[axis] >= end) return false;
        }
        return true;
    }

    private static void ForEach<T>(Field<T> field, Action<int, int, int, int> body) where T : unmanaged
    {
        int p = 0;
        for (int k = 0; k < field.Nz; k++)
            for (int j = 0; j < field.Ny; j++)
                for (int i = 0; i < field.Nx; i++)
                    body(i, j, k, p++);
    }

    /// <summary>reduce NXxNY[xNZ] backend: sums, dots, maxima, norms and gathers against the global field.</summary>
    private static int Reductions(string[] args)
    {
        var global = Sizes(args[0]);
        using var grid = GlobalGrid.FromGlobalSize(global[0], global.Length > 1 ? global[1] : 1, global.Length > 2 ? global[2] : 1);
        using var backend = grid.CreateBackend(args[1]);
        int failures = 0;
        int d = grid.Dimensions;
        foreach (var (shape, f) in new[] { (new[] { grid.Nx, grid.Ny, grid.Nz }, 0), (new[] { grid.Nx + 1, grid.Ny, grid.Nz }, 1) })
        {
            using var x = d == 1 ? backend.Allocate<double>(shape[0]) : d == 2 ? backend.Allocate<double>(shape[0], shape[1]) : backend.Allocate<double>(shape[0], shape[1], shape[2]);
            using var y = d == 1 ? backend.Allocate<double>(shape[0]) : d == 2 ? backend.Allocate<double>(shape[0], shape[1]) : backend.Allocate<double>(shape[0], shape[1], shape[2]);
            var hx = new double[x.Length];
            var hy = new double[y.Length];
            ForEach(x, (i, j, k, p) =>
            {
                int gi = grid.GlobalIndex(0, i, x.Nx), gj = d > 1 ? grid.GlobalIndex(1, j, x.Ny) : 0, gk = d > 2 ? grid.GlobalIndex(2, k, x.Nz) : 0;
                hx[p] = Value(f, gi, gj, gk) * (gi % 3 == 0 ? 1e-8 : 1);   // many magnitudes, so the order of a sum shows
                hy[p] = Math.Cos(gi - gj + gk);
            });
            x.CopyFromHost(hx);
            y.CopyFromHost(hy);

            // The global reference, on every rank: the field from the global formula.
            int[] g = [grid.GlobalExtent(0, shape[0]), d > 1 ? grid.GlobalExtent(1, shape[1]) : 1, d > 2 ? grid.GlobalExtent(2, shape[2]) : 1];
            var gx = new double[g[0] * g[1] * g[2]];
            var gy = new double[gx.Length];
            for (int k = 0, p = 0; k < g[2]; k++)
                for (int j = 0; j < g[1]; j++)
                    for (int i = 0; i < g[0]; i++, p++)
                    {
                        gx[p] = Value(f, i, j, k) * (i % 3 == 0 ? 1e-8 : 1);
                        gy[p] = Math.Cos(i - j + k);
                    }
            double naiveSum = gx.Sum(), naiveDot = gx.Zip(gy, (a, b) => a * b).Sum(), max = gx.Max(Math.Abs);
            double sum = grid.Sum(x), dot = grid.Dot(x, y), maxAbs = grid.MaxAbs(x), norm = grid.Norm2(x);
            failures += Near("sum", sum, naiveSum, 1e-13, grid) + Near("dot", dot, naiveDot, 1e-13, grid)
                + Near("norm2", norm, Math.Sqrt(gx.Sum(v => v * v)), 1e-13, grid) + (maxAbs == max ? 0 : Fail($"max {maxAbs} != {max}", grid));
            var gathered = grid.Gather(x);
            if (grid.IsRoot && !gathered!.SequenceEqual(gx)) failures += Fail($"the gathered field {x.ShapeText} differs from the global one", grid);
            if (!grid.IsRoot && gathered is not null) failures += Fail("Gather returned a field on a rank that is not the root", grid);
            if (grid.IsRoot) Console.WriteLine(Invariant($"field {f}: sum {sum:R} dot {dot:R} norm2 {norm:R} max {maxAbs:R}"));
        }
        // NaN anywhere reaches every rank.
        using (var z = d == 2 ? backend.Allocate<double>(grid.Nx, grid.Ny) : backend.Allocate<double>(grid.Nx, grid.Ny, grid.Nz))
        {
            if (grid.Rank == grid.Processes - 1)
            {
                var h = new double[z.Length];
                h[z.Nx / 2 + z.Nx * (z.Ny / 2 + z.Ny * (z.Nz / 2))] = double.NaN;   // an owned point: the middle of the block
                z.CopyFromHost(h);
            }
            if (!double.IsNaN(grid.MaxAbs(z))) failures += Fail("a NaN on the last rank did not reach MaxAbs", grid);
        }
        Report(grid, failures, $"reduce {grid}");
        return failures == 0 ? 0 : 1;
    }

    private static int Near(string what, double value, double reference, double tolerance, GlobalGrid grid)
        => Math.Abs(value - reference) <= tolerance * Math.Abs(reference) ? 0 : Fail(Invariant($"{what} {value:R} differs from {reference:R}"), grid);

    private static int Fail(string message, GlobalGrid grid)
    {
        Console.Error.WriteLine($"rank {grid.Rank}: {message}");
        return 1;
    }

    /// <summary>
    /// darcy NXxNY backend [separate-steps] [hide]: the forward PT solution, the adjoint solution and
    /// the gradient of a misfit of the geothermal case (the example's physics, with a varied
    /// permeability); rank 0 prints digests of the gathered fields.
    /// </summary>
    private static int DarcySolve(string[] args)
    {
        var global = Sizes(args[0]);
        using var grid = GlobalGrid.FromGlobalSize(global[0], global[1]);
        using var backend = grid.CreateBackend(args[1]);
        using var c = new Case(backend, grid);
        using Field<double> dJdPf = backend.Allocate<double>(c.Nx, c.Ny), gradient = backend.Allocate<double>(c.Nx, c.Ny);
        // Inputs from global indices: a permeability with a barrier, and observations everywhere.
        c.K.CopyFromHost(c.Local((gi, gj) => Math.Abs(gi - c.NxGlobal / 2) < 2 && gj > c.NyGlobal / 3 ? 1e-3 : 1 + 0.5 * Math.Sin(0.3 * gi + 0.2 * gj)));
        c.UpdateSteps();
        var g = c.Local((gi, gj) => gi % 4 == 1 && gj % 3 == 1 ? Math.Cos(gi * 0.7 + gj) : 0);
        // With no-flux boundaries Pf is defined up to a constant: the adjoint's right-hand side must be mean-free.
        dJdPf.CopyFromHost(g);
        double mean = grid.Sum(dJdPf) / (c.NxGlobal * c.NyGlobal);
        dJdPf.CopyFromHost(g.Select(v => v - mean).ToArray());

        var problem = c.Problem();
        var options = c.ForwardOptions with
        {
            Tolerance = 1e-8, MaxIterations = 200 * c.NxGlobal, AdaptiveChecks = true, StepsInKernels = !args.Contains("separate-steps"),
            HideCommunication = args.Contains("hide") ? [4, 3] : null,
        };
        var forward = PseudoTransientSolver.Solve(problem, options);
        using var adjoint = new AdjointSolver<double>(problem);
        var adjointResult = adjoint.Solve([null, null, dJdPf], [PseudoTransientParameters.FluxStep(Case.Cfl, c.NxGlobal, Case.Re),
            PseudoTransientParameters.FluxStep(Case.Cfl, c.NyGlobal, Case.Re), c.PfStep], options with { Tolerance = 1e-10 });
        adjoint.Gradient([gradient]);

        int failures = forward.Converged ? 0 : Fail($"forward not converged: {forward}", grid);
        failures += adjointResult.Converged ? 0 : Fail($"adjoint not converged: {adjointResult}", grid);
        var digests = new[] { ("Pf", c.Pf), ("qx", c.Qx), ("qy", c.Qy), ("Psi_Pf", adjoint.Psi[2]), ("Psi_qx", adjoint.Psi[0]), ("dJdK", gradient) }
            .Select(p => (p.Item1, grid.Gather(p.Item2))).ToArray();
        if (grid.IsRoot)
        {
            Console.WriteLine($"forward {forward.Iterations} iterations, residual {forward.Residual:R}; adjoint {adjointResult.Iterations} iterations, residual {adjointResult.Residual:R}");
            foreach (var (name, values) in digests) Console.WriteLine($"{name} {Digest(values!)} max {values!.Max(Math.Abs):R}");
        }
        Report(grid, failures, $"darcy {grid}");
        return failures == 0 ? 0 : 1;
    }

    private static string Digest(double[] values)
        => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())))[..16];

    /// <summary>Every rank learns whether any failed; rank 0 prints the verdict.</summary>
    private static void Report(GlobalGrid grid, int failures, string what)
    {
        double worst = grid.Max(failures);
        if (grid.IsRoot) Console.WriteLine(worst == 0 ? $"PASS {what}" : $"FAIL {what}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
