using System.Text;

namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    private (int Rank, int Count)? _nodeLocal;

    /// <summary>
    /// This process's rank among the processes on its node, and how many there are: from the
    /// process manager (MPICH: MPI_LOCALRANKID, Open MPI, Slurm), else by comparing host names.
    /// </summary>
    public (int Rank, int Count) NodeLocalRank()
    {
        if (_messages is null) return (0, 1);
        if (_nodeLocal is { } known) return known;
        var names = _messages.AllGather(HostName());
        int size = Processes, width = names.Length / size;
        var mine = names.AsSpan(Rank * width, width);
        int count = 0, before = 0;
        for (int r = 0; r < size; r++)
            if (names.AsSpan(r * width, width).SequenceEqual(mine))
            {
                count++;
                if (r < Rank) before++;
            }
        _nodeLocal = (FromEnvironment() ?? before, count);
        return _nodeLocal.Value;
    }

    /// <summary>
    /// The backend this process runs on (ImplicitGlobalGrid's <c>select_device</c>): GPU backends take
    /// the device numbered by the node-local rank (one GPU per process); the CPU backend gives each
    /// process of a node an equal share of its cores unless <paramref name="threads"/> says otherwise.
    /// </summary>
    public Backend CreateBackend(string name, int? threads = null)
    {
        var (local, count) = NodeLocalRank();
        return name.ToLowerInvariant() switch
        {
            "cpu" => Backends.Cpu(threads ?? Math.Max(1, System.Environment.ProcessorCount / count)),
            "cuda" => Backends.Cuda(local),
            "opencl" => Backends.OpenCL(local),
            _ => Backends.Create(name),
        };
    }

    /// <summary>
    /// Whether hiding the halo exchange behind the interior (<see cref="PseudoTransientOptions.HideCommunication"/>)
    /// can pay on <paramref name="backend"/>: on more than one process, with a core free to carry the
    /// messages while the interior is computed (a GPU backend, or fewer CPU threads than the node has
    /// cores). Where every core already runs a kernel thread, the helper thread only slows them.
    /// Every process must call it (it may compare host names).
    /// </summary>
    public bool HidingCommunicationPays(Backend backend)
        => Processes > 1 && (backend is not CpuBackend cpu || cpu.Threads * NodeLocalRank().Count < System.Environment.ProcessorCount);

    private static int? FromEnvironment()
    {
        foreach (var name in new[] { "MPI_LOCALRANKID", "OMPI_COMM_WORLD_LOCAL_RANK", "MV2_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID" })
            if (int.TryParse(System.Environment.GetEnvironmentVariable(name), out int value)) return value;
        return null;
    }

    private static byte[] HostName()
    {
        var name = new byte[256];
        Encoding.UTF8.GetBytes(System.Environment.MachineName.AsSpan(0, Math.Min(System.Environment.MachineName.Length, 64)), name);
        return name;
    }
}
