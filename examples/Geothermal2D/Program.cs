using Geothermal2D;
using Stencil;
using Stencil.Distributed;

// Geothermal inversion on one process or under mpiexec; see Options.Usage or run with --help.
try
{
    return GeothermalRun.Execute(Options.Parse(args));
}
catch (ArgumentException e)
{
    // Options and grid sizes: every process finds the same fault, the first one says it.
    if (GlobalGrid.LaunchRank == 0) Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is InvalidDataException or IOException or SolverDivergedException or InvalidOperationException or DllNotFoundException or NotSupportedException)
{
    Console.Error.WriteLine(GlobalGrid.LaunchRank == 0 ? $"error: {e.Message}" : $"error on rank {GlobalGrid.LaunchRank}: {e.Message}");
    GlobalGrid.AbortRun(1);   // the other processes would wait for this one forever
    return 1;
}
