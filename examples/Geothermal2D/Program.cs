using Geothermal2D;
using Stencil;

using var backend = Backends.Cpu();
foreach (int ny in args.Length > 0 ? args.Select(int.Parse) : new[] { 31, 63, 127, 255 })
{
    using var c = new Case(backend, ny);
    c.SetPermeability(c.TruePermeability());
    var result = PseudoTransientSolver.Solve(c.Problem(Case.Re), c.ForwardOptions);
    Console.WriteLine($"{c.Nx}x{c.Ny}: {result}; iterations/nx = {(double)result.Iterations / c.Nx:F1}");
}
