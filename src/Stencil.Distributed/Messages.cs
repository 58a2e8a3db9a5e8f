using static MPI.Unsafe;

namespace Stencil.Distributed;

/// <summary>
/// The grid's private MPI communicator (a duplicate of MPI_COMM_WORLD, so the library's messages
/// never meet the application's) and the few calls the grid makes on it. These use MPI.NET's direct
/// bindings because every buffer here is native or pinned memory; the topology uses MPI.NET's
/// <see cref="MPI.CartesianCommunicator"/>.
/// </summary>
internal sealed unsafe class Messages : IDisposable
{
    private int _comm;
    private int[] _requests = new int[16];
    private MPI_Status[] _statuses = new MPI_Status[16];
    private int _pending;

    public Messages()
    {
        Check(MPI_Comm_dup(MPI_COMM_WORLD, out _comm), "MPI_Comm_dup");
        Check(MPI_Comm_rank(_comm, out int rank), "MPI_Comm_rank");
        Check(MPI_Comm_size(_comm, out int size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    public int Rank { get; }

    public int Size { get; }

    /// <summary>Starts receiving <paramref name="bytes"/> bytes from <paramref name="source"/>.</summary>
    public void Receive(void* buffer, int bytes, int source, int tag)
    {
        Grow();
        Check(MPI_Irecv((IntPtr)buffer, bytes, MPI_BYTE, source, tag, _comm, out _requests[_pending++]), "MPI_Irecv");
    }

    /// <summary>Starts sending <paramref name="bytes"/> bytes to <paramref name="destination"/>.</summary>
    public void Send(void* buffer, int bytes, int destination, int tag)
    {
        Grow();
        Check(MPI_Isend((IntPtr)buffer, bytes, MPI_BYTE, destination, tag, _comm, out _requests[_pending++]), "MPI_Isend");
    }

    /// <summary>
    /// Waits for every message started since the last wait. Polls with MPI_Testall and yields the
    /// core between polls: MPI_Waitall spins, and with more processes than cores (a laptop, a CI
    /// machine) a spinning process holds the core its neighbour needs to send.
    /// </summary>
    public void WaitAll()
    {
        if (_pending == 0) return;
        fixed (int* requests = _requests)
        {
            while (true)
            {
                Check(MPI_Testall(_pending, requests, out int done, _statuses), "MPI_Testall");
                if (done != 0) break;
                Thread.Yield();
            }
        }
        _pending = 0;
    }

    /// <summary>Element-wise maximum of <paramref name="values"/> over all processes, in place.</summary>
    public void MaxInPlace(Span<double> values)
    {
        Span<double> mine = stackalloc double[values.Length];
        values.CopyTo(mine);
        fixed (double* m = mine)
        fixed (double* v = values)
            Check(MPI_Allreduce((IntPtr)m, (IntPtr)v, values.Length, MPI_DOUBLE, MPI_MAX, _comm), "MPI_Allreduce");
    }

    /// <summary>Element-wise sum of <paramref name="values"/> over all processes, in place (exact: integers).</summary>
    public void SumInPlace(Span<long> values)
    {
        Span<long> mine = stackalloc long[values.Length];
        values.CopyTo(mine);
        fixed (long* m = mine)
        fixed (long* v = values)
            Check(MPI_Allreduce((IntPtr)m, (IntPtr)v, values.Length, MPI_LONG_LONG, MPI_SUM, _comm), "MPI_Allreduce");
    }

    /// <summary>Every process's <paramref name="mine"/>, in rank order.</summary>
    public byte[] AllGather(ReadOnlySpan<byte> mine)
    {
        var all = new byte[mine.Length * Size];
        fixed (byte* m = mine)
        fixed (byte* a = all)
            Check(MPI_Allgather((IntPtr)m, mine.Length, MPI_BYTE, (IntPtr)a, mine.Length, MPI_BYTE, _comm), "MPI_Allgather");
        return all;
    }

    /// <summary>Gathers each process's bytes to <paramref name="root"/>, in rank order (counts known to the root).</summary>
    public void Gather(ReadOnlySpan<byte> mine, Span<byte> all, int[] counts, int root)
    {
        var displacements = new int[Size];
        for (int r = 1; r < Size; r++) displacements[r] = checked(displacements[r - 1] + counts[r - 1]);
        fixed (byte* m = mine)
        fixed (byte* a = all)
            Check(MPI_Gatherv((IntPtr)m, mine.Length, MPI_BYTE, (IntPtr)a, counts, displacements, MPI_BYTE, root, _comm), "MPI_Gatherv");
    }

    public void Barrier() => Check(MPI_Barrier(_comm), "MPI_Barrier");

    /// <summary>Ends every process of the run (after an error on one of them, so the others do not wait forever).</summary>
    public static void Abort(int code) => MPI_Abort(MPI_COMM_WORLD, code);

    public void Dispose()
    {
        if (_comm == 0 || MPI.Environment.Finalized) return;
        MPI_Comm_free(ref _comm);
        _comm = 0;
    }

    private void Grow()
    {
        if (_pending < _requests.Length) return;
        Array.Resize(ref _requests, 2 * _requests.Length);
        Array.Resize(ref _statuses, 2 * _statuses.Length);
    }

    private static void Check(int code, string call)
    {
        if (code != MPI_SUCCESS) throw new InvalidOperationException($"{call} failed with MPI error code {code}.");
    }
}
