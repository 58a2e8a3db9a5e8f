using Stencil;
using Stencil.Distributed;

namespace Geothermal3D;

/// <summary>
/// J(log K) = ½ Σ_obs (P̃f − Pf_obs)² through a forward PT solve, P̃f = Pf − mean(Pf) (no-flux
/// boundaries all around leave Pf defined up to a constant), and its gradient through the adjoint
/// PT solve derived by the runtime, dJ/dlog K = K dJ/dK. The parameter vector holds log K of the
/// cells this process owns; sums are the grid's exact sums, so J and its gradient are the same bits
/// on any number of processes. Each forward solve starts from the last solution and each adjoint
/// solve from the last Ψ; the line search solves the adjoint problem only for the step it accepts.
/// </summary>
public sealed class Objective3D : IGradientAfterCost, IDisposable
{
    private readonly Case3D _case;
    private readonly GlobalGrid _grid;
    private readonly SteadyProblem<double> _problem;
    private readonly AdjointSolver<double> _adjoint;
    private readonly Field<double> _dJdPf, _gradient, _logK;
    private readonly (int Index, int Local)[] _owned, _local;   // observations in the owned cells, and in the whole block
    private readonly double[] _data;
    private bool _adjointSolved;

    public Objective3D(Case3D c, (int I, int J, int K)[] observed, double[] data, PseudoTransientOptions forward, PseudoTransientOptions adjoint)
    {
        _case = c;
        _grid = c.Grid;
        _data = data;
        Forward = forward;
        Adjoint = adjoint;
        _problem = c.Problem();
        _adjoint = new AdjointSolver<double>(_problem);
        _dJdPf = c.Backend.Allocate<double>(c.Nx, c.Ny, c.Nz);
        _gradient = c.Backend.Allocate<double>(c.Nx, c.Ny, c.Nz);
        _logK = c.Backend.Allocate<double>(c.Nx, c.Ny, c.Nz);
        var (x0, x1) = _grid.OwnedRange(0, c.Nx);
        var (y0, y1) = _grid.OwnedRange(1, c.Ny);
        var (z0, z1) = _grid.OwnedRange(2, c.Nz);
        var index = observed.Select((cell, k) => (cell, k)).ToDictionary(o => o.cell, o => o.k);
        var local = new List<(int, int)>();
        var owned = new List<(int, int)>();
        for (int k = 0, p = 0; k < c.Nz; k++)
            for (int j = 0; j < c.Ny; j++)
                for (int i = 0; i < c.Nx; i++, p++)
                    if (index.TryGetValue((_grid.GlobalIndex(0, i, c.Nx), _grid.GlobalIndex(1, j, c.Ny), _grid.GlobalIndex(2, k, c.Nz)), out int o))
                    {
                        local.Add((o, p));
                        if (i >= x0 && i < x1 && j >= y0 && j < y1 && k >= z0 && k < z1) owned.Add((o, p));
                    }
        _local = local.ToArray();
        _owned = owned.ToArray();
    }

    public PseudoTransientOptions Forward { get; }
    public PseudoTransientOptions Adjoint { get; }

    /// <summary>Parameters this process holds: its owned cells.</summary>
    public int Parameters => _grid.OwnedValues(_logK).Length;
    public SolveResult? LastForward { get; private set; }
    public SolveResult? LastAdjoint { get; private set; }
    public int ForwardSolves { get; private set; }
    public int AdjointSolves { get; private set; }
    public long ForwardIterations { get; private set; }
    public long AdjointIterations { get; private set; }
    /// <summary>Seconds of forward and adjoint PT iterations.</summary>
    public double ForwardSeconds { get; private set; }
    public double AdjointSeconds { get; private set; }
    public int Unconverged { get; private set; }

    public double Cost(double[] logK)
    {
        Solve(logK);
        var r = Residuals(Pressure(), _owned);
        return 0.5 * _grid.Dot(r, r);
    }

    public double CostAndGradient(double[] logK, double[] gradient)
    {
        double cost = Cost(logK);
        GradientAtLastCost(gradient);
        return cost;
    }

    public void GradientAtLastCost(double[] gradient)
    {
        var pf = Pressure();
        // ∂J/∂Pf: the residual at each observed cell of the block (halo cells too), made mean-free over the global grid.
        double mean = _grid.Sum(Residuals(pf, _owned)) / Cells;
        var dJdPf = new double[pf.Length];
        Array.Fill(dJdPf, -mean);
        foreach (var (k, at) in _local) dJdPf[at] += pf[at] - _data[k];
        _dJdPf.CopyFromHost(dJdPf);
        // The adjoint takes the forward's pseudo-time steps.
        LastAdjoint = _adjoint.Solve([null, null, null, _dJdPf], _problem.States.Select(s => s.Step).ToArray(), Adjoint, warmStart: _adjointSolved);
        _adjointSolved = true;
        AdjointSolves++;
        AdjointIterations += LastAdjoint.Iterations;
        AdjointSeconds += LastAdjoint.Seconds;
        Count(LastAdjoint, "adjoint");
        _adjoint.Gradient([_gradient]);
        var dJdK = _grid.OwnedValues(_gradient);
        var permeability = _grid.OwnedValues(_case.K);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = dJdK[i] * permeability[i];
    }

    /// <summary>Solves the forward problem for K = exp(log K) on the owned cells (the halo comes from their owners), from the last solution.</summary>
    public void Solve(double[] logK)
    {
        ForwardSolves++;
        _grid.SetOwnedValues(_logK, logK);
        _case.SetPermeability(_logK.ToArray().Select(Math.Exp).ToArray());
        LastForward = PseudoTransientSolver.Solve(_problem, Forward);
        ForwardIterations += LastForward.Iterations;
        ForwardSeconds += LastForward.Seconds;
        Count(LastForward, "forward");
    }

    /// <summary>The pressure at every observation, on every process (each owned by one).</summary>
    public double[] ObservedPressure()
    {
        var pf = Pressure();
        return Enumerable.Range(0, _data.Length).Select(k =>
        {
            int at = Array.FindIndex(_owned, o => o.Index == k);
            return _grid.Sum(at >= 0 ? [pf[_owned[at].Local]] : []);
        }).ToArray();
    }

    private double Cells => (double)_case.NxGlobal * _case.NyGlobal * _case.NzGlobal;

    /// <summary>This block's pressure with the global mean removed.</summary>
    private double[] Pressure()
    {
        var pf = _case.Pf.ToArray();
        double mean = _grid.Sum(_case.Pf) / Cells;
        for (int i = 0; i < pf.Length; i++) pf[i] -= mean;
        return pf;
    }

    private double[] Residuals(double[] pf, (int Index, int Local)[] observations) => observations.Select(o => pf[o.Local] - _data[o.Index]).ToArray();

    private void Count(SolveResult result, string kind)
    {
        if (result.Converged) return;
        Unconverged++;
        if (_grid.IsRoot) Console.WriteLine($"  warning: {kind} solve not converged ({result})");
    }

    public void Dispose()
    {
        _adjoint.Dispose();
        _dJdPf.Dispose();
        _gradient.Dispose();
        _logK.Dispose();
    }
}
