namespace Stencil.Tests.Distributed;

/// <summary>
/// Starts a program of the test output folder under <c>mpiexec -n N</c> (more processes than cores
/// is fine: MPICH oversubscribes) and returns its exit code and output. A machine without MPI fails
/// the test with what to install: the MPI tests are never skipped.
/// </summary>
internal static class MpiRun
{
    public static (int ExitCode, string Output, string Errors) Start(int processes, string program, params string[] args)
        => Run(Mpiexec(), ["-n", processes.ToString(), "dotnet", Path.Combine(AppContext.BaseDirectory, program), .. args]);

    /// <summary>As <see cref="Start"/>, with environment variables for the processes (mpiexec passes them on).</summary>
    public static (int ExitCode, string Output, string Errors) StartWith(IReadOnlyDictionary<string, string> environment, int processes, string program, params string[] args)
        => Run(Mpiexec(), ["-n", processes.ToString(), "dotnet", Path.Combine(AppContext.BaseDirectory, program), .. args], environment);

    /// <summary>The same program on one process, without mpiexec and without loading MPI.</summary>
    public static (int ExitCode, string Output, string Errors) Alone(string program, params string[] args)
        => Run("dotnet", [Path.Combine(AppContext.BaseDirectory, program), .. args]);

    private static string Mpiexec()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, "mpiexec");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException("mpiexec was not found: the distributed tests need MPI. Install MPICH (Debian/Ubuntu: apt-get install mpich); .ci/run does.");
    }

    private static (int, string, string) Run(string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
        => ChildProcess.Run(file, args, TimeSpan.FromMinutes(3), start =>
        {
            foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
            // The tests run in a process that MPI did not start; the children must not think it did.
            foreach (var name in new[] { "PMI_RANK", "PMI_SIZE", "PMIX_RANK", "OMPI_COMM_WORLD_SIZE", "MPI_LOCALNRANKS" }) start.Environment.Remove(name);
        });
}

/// <summary>MPI tests run one at a time: each starts several processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MpiCollection
{
    public const string Name = "MPI";
}
