using Stencil.Mpi;

// Scenarios run under mpiexec by the MPI tests; exit code 0 when every check of every rank passed.
try
{
    return args.Length > 0 ? Scenarios.Run(args[0], args[1..]) : Usage();
}
catch (Exception e)
{
    Console.Error.WriteLine($"FAILED: {e}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Stencil.Mpi halo|reduce|darcy [options]");
    return 2;
}
