using Geothermal3D;
using Stencil.Distributed;

// Geothermal 3D: recover a low-permeability slab from borehole pressures, on one process or under mpiexec; run with --help for the options.
return GlobalGrid.RunProgram(() =>
{
    var options = Options.Parse(args);
    if (options.Help && GlobalGrid.LaunchRank == 0) Console.WriteLine(Options.Usage);
    return options.Help ? 0 : Run3D.Execute(options);
});
