using Stencil.Tests.Kernels;

namespace Stencil.Tests;

/// <summary>What STENCIL019 warns about: an index-form statement runs wherever every element it touches exists, Ix = -1 included.</summary>
public sealed class IndexRangeTests
{
    [Fact]
    public void A_statement_whose_every_index_is_Ix_plus_1_also_writes_the_first_point()
    {
        using var backend = Backends.Cpu(1);
        using var r = backend.Allocate<double>(8);
        using var v = backend.Allocate<double>(8);
        r.Fill(99);
        v.CopyFromHost([1, 2, 3, 4, 5, 6, 7, 8]);
        Shifted.Negate(backend, r, v);
        // Ix runs from -1 (R[0] = -V[0]) to Nx - 3 (R[6]); R[7] is left alone.
        r.ToArray().ShouldBe([-1, -2, -3, -4, -5, -6, -7, 99]);
    }
}
