using Geothermal3D;
using Stencil.Distributed;

// Geothermal 3D: recover a low-permeability slab from borehole pressures, on one process or under mpiexec; run with --help for the options.
return GlobalGrid.RunProgram(args, Options.Parse, Run3D.Execute);
