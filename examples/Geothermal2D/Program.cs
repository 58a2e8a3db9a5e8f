using Geothermal2D;
using Stencil.Distributed;

// Geothermal inversion on one process or under mpiexec; run with --help for the options.
return GlobalGrid.RunProgram(args, Options.Parse, GeothermalRun.Execute);
