using Geothermal3D;
using Stencil;
using Stencil.Distributed;

// Geothermal 3D: recover a low-permeability slab from borehole pressures, on one process or under mpiexec; see Options.Usage or run with --help.
try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        if (GlobalGrid.LaunchRank == 0) Console.WriteLine(Options.Usage);
        return 0;
    }
    return Run3D.Execute(options);
}
catch (ArgumentException e)
{
    // Options, grid sizes, the output folder: every process finds the same fault, the first one says it.
    if (GlobalGrid.LaunchRank == 0)
        Console.Error.WriteLine(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message);
    return 2;
}
catch (Exception e) when (e is IOException or SolverDivergedException or InvalidOperationException or DllNotFoundException or NotSupportedException)
{
    Console.Error.WriteLine(GlobalGrid.LaunchRank == 0 ? $"error: {e.Message}" : $"error on rank {GlobalGrid.LaunchRank}: {e.Message}");
    GlobalGrid.AbortRun(1);   // the other processes would wait for this one forever
    return 1;
}
