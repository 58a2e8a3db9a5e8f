using System.Diagnostics;
using Geothermal2D;
using Stencil;

var watch = Stopwatch.StartNew();
using var backend = Backends.Cpu();
int ny = args.Contains("--quick") ? 31 : 127;
int iterations = args.Contains("--quick") ? 3 : 20;
using var c = new Case(backend, ny);
var observed = c.ObservationCells();

// Synthetic data from the true permeability.
var truth = c.TruePermeability();
var tight = c.ForwardOptions;
using var objective = new GeothermalObjective(c, observed, new double[observed.Length], 50, tight, tight);
objective.Solve(truth.Select(v => Math.Log(v)).ToArray());
Console.WriteLine($"synthetic forward: {objective.LastForward}");
var pf = objective.Pressure();
var data = observed.Select(cell => pf[cell]).ToArray();
using var inversion = new GeothermalObjective(c, observed, data, 50, tight, tight);

var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = iterations });
var state = lbfgs.Start(inversion, new double[c.Nx * c.Ny]);
Console.WriteLine($"iteration 0: J = {state.Cost:E4}; forward {inversion.LastForward}; adjoint {inversion.LastAdjoint}");
lbfgs.Run(inversion, state, s => Console.WriteLine($"iteration {s.Iteration}: J = {s.Cost:E4} (J/J0 = {s.Cost / s.CostHistory[0]:E2}); evaluations {inversion.Evaluations}"));

var k = state.Parameters.Select(v => Math.Exp(v)).ToArray();
double inside = 0, outside = 0; int nIn = 0, nOut = 0;
for (int i = 0; i < k.Length; i++)
{
    if (truth[i] < 1e-3) { inside += Math.Log10(k[i]); nIn++; }
    else if (Math.Abs(((i % c.Nx) + 0.5) * c.Dx - Case.Lx / 2) < 0.2 && Math.Abs(((i / c.Nx) + 0.5) * c.Dy - 0.55) < 0.3) { outside += Math.Log10(k[i]); nOut++; }
}
Console.WriteLine($"mean log10 K in the barrier {inside / nIn:F3}, around it {outside / nOut:F3}; {watch.Elapsed.TotalSeconds:F1} s");
