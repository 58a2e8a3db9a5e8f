using System.Runtime.InteropServices;

namespace Stencil.Distributed;

/// <summary>
/// Starts the system MPI under MPI.NET. MPI.NET's package imports <c>msmpi.dll</c> (MS-MPI), whose
/// handle values are those of the MPICH ABI; on Linux the same ABI is provided by MPICH
/// (<c>libmpich.so.12</c>) and by Intel MPI, Cray MPICH and MVAPICH (<c>libmpi.so.12</c>), so a
/// resolver loads one of those in its place and MPI.NET runs unchanged.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>The MPICH-ABI libraries tried, in order, unless <see cref="Override"/> names one.</summary>
    public static readonly string[] Candidates = ["libmpich.so.12", "libmpi.so.12"];

    /// <summary>The environment variable that names the MPI library to load (a file name or path) instead of the candidates.</summary>
    public const string Override = "STENCIL_MPI_LIBRARY";

    private static readonly object Gate = new();
    private static MPI.Environment? s_environment;
    private static IntPtr s_library;

    /// <summary>
    /// True when a process manager (mpiexec, srun) started this process: it then sets the rank in
    /// the environment. Processes started otherwise run alone and load no MPI library at all.
    /// </summary>
    public static bool LaunchedByMpi =>
        new[] { "PMI_RANK", "PMI_SIZE", "PMIX_RANK", "OMPI_COMM_WORLD_SIZE", "MV2_COMM_WORLD_SIZE", "MPI_LOCALNRANKS" }
            .Any(name => !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(name)));

    /// <summary>True once MPI is initialised in this process.</summary>
    public static bool Started => s_environment is not null;

    /// <summary>Initialises MPI once per process (MPI cannot start again after it finalised); finalised at exit.</summary>
    public static void Start()
    {
        lock (Gate)
        {
            if (s_environment is not null) return;
            s_library = Load();
            NativeLibrary.SetDllImportResolver(typeof(MPI.Communicator).Assembly, static (name, _, _) =>
                name is "msmpi.dll" or "msmpi" ? s_library : IntPtr.Zero);
            var args = Array.Empty<string>();
            s_environment = new MPI.Environment(ref args);
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => Stop();
        }
    }

    /// <summary>Finalises MPI (at process exit; every rank must get there).</summary>
    private static void Stop()
    {
        lock (Gate)
        {
            if (s_environment is null || MPI.Environment.Finalized) return;
            s_environment.Dispose();
        }
    }

    private static IntPtr Load()
    {
        var chosen = System.Environment.GetEnvironmentVariable(Override);
        string[] names = string.IsNullOrEmpty(chosen) ? Candidates : [chosen];
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) return handle;
        throw new DllNotFoundException(
            $"This process was started by mpiexec, but no MPI library with the MPICH ABI could be loaded (tried {string.Join(", ", names)}"
            + (string.IsNullOrEmpty(chosen) ? "" : $", named by {Override}") + "). "
            + $"Install MPICH (Debian/Ubuntu: apt-get install mpich), load your cluster's MPICH-compatible MPI module (Intel MPI, Cray MPICH, MVAPICH), or set {Override} to the library's path.");
    }
}
