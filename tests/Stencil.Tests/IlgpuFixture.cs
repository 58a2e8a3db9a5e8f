using Stencil;

namespace Stencil.Tests;

/// <summary>One ILGPU CPU-simulator backend and one native CPU backend shared by a test class.</summary>
public sealed class BackendFixture : IDisposable
{
    /// <summary>Two threads, splitting even the tests' small grids between them (<see cref="CpuBackend.SerialPoints"/> = 0).</summary>
    public Backend Cpu { get; } = new CpuBackend(2) { SerialPoints = 0 };

    public Backend Simulator { get; } = Backends.IlgpuCpu();

    public Backend Get(string name) => name == "cpu" ? Cpu : Simulator;

    public void Dispose()
    {
        Cpu.Dispose();
        Simulator.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BackendCollection : ICollectionFixture<BackendFixture>
{
    public const string Name = "backends";
}
