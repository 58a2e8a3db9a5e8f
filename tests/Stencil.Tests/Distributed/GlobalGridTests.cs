using Stencil.Distributed;

namespace Stencil.Tests.Distributed;

/// <summary>
/// The global grid's semantics on one process (no MPI is loaded in the test process): sizes,
/// global indices, owned points, refusals, and the single-process halo of periodic axes.
/// </summary>
public sealed class GlobalGridTests
{
    [Fact]
    public void Global_sizes_follow_dims_times_block_minus_overlap_plus_overlap()
    {
        using var grid = GlobalGrid.Init(10, 7);
        grid.Processes.ShouldBe(1);
        (grid.NxGlobal, grid.NyGlobal).ShouldBe((10, 7));
        // Faces one larger, a field one smaller: global extents shift by the same amount.
        grid.GlobalExtent(0, 11).ShouldBe(11);
        grid.GlobalExtent(0, 9).ShouldBe(9);
        grid.FieldOverlap(0, 11).ShouldBe(3);
        grid.FieldOverlap(0, 9).ShouldBe(1);
        grid.OwnedRange(0, 10).ShouldBe((0, 10));

        using var periodic = GlobalGrid.Init(10, 7, options: new GlobalGridOptions { Periodic = [true, false] });
        periodic.NxGlobal.ShouldBe(8);   // dims · (n − overlap): the two halo columns copy the other end
        periodic.OwnedRange(0, 10).ShouldBe((1, 9));
        periodic.GlobalIndex(0, 0, 10).ShouldBe(7);
        periodic.GlobalIndex(0, 1, 10).ShouldBe(0);
        periodic.GlobalIndex(0, 9, 10).ShouldBe(0);
    }

    [Theory]
    [InlineData(255, 2, 2, false, 254, 256)]
    [InlineData(127, 2, 2, false, 126, 128)]
    [InlineData(64, 2, 2, false, 64, 64)]
    [InlineData(63, 4, 2, false, 62, 66)]
    [InlineData(3, 2, 2, false, null, 4)]
    [InlineData(9, 2, 2, true, 8, 10)]
    public void Nearest_valid_global_sizes(int global, int dims, int overlap, bool periodic, int? below, int above)
        => GlobalGrid.NearestValid(global, dims, overlap, periodic).ShouldBe((below, above));

    [Fact]
    public void A_topology_the_run_cannot_have_is_refused_with_what_to_do()
    {
        var e = Should.Throw<ArgumentException>(() => GlobalGrid.Init(10, 10, options: new GlobalGridOptions { Dims = [2, 1] }));
        e.Message.ShouldContain("mpiexec -n 2");
    }

    [Fact]
    public void A_field_that_is_not_a_block_of_the_grid_is_refused()
    {
        using var backend = Backends.Cpu(1);
        using var grid = GlobalGrid.Init(10, 8);
        using var wrong = backend.Allocate<double>(7, 8);   // three smaller: no overlap left
        Should.Throw<ArgumentException>(() => grid.UpdateHalo(wrong)).Message.ShouldContain("not a block of this grid");
        using var flat = backend.Allocate<double>(10);
        Should.Throw<ArgumentException>(() => grid.MaxAbs(flat)).Message.ShouldContain("1D");
    }

    [Fact]
    public void Periodic_halo_on_one_process_copies_the_other_end()
    {
        using var backend = Backends.Cpu(1);
        using var grid = GlobalGrid.Init(6, 5, options: new GlobalGridOptions { Periodic = [true, true] });
        using var a = backend.Allocate<double>(6, 5);
        var values = Enumerable.Range(0, 30).Select(v => (double)v).ToArray();
        a.CopyFromHost(values);
        grid.UpdateHalo(a);
        var after = a.ToArray();
        for (int j = 0; j < 5; j++)
            for (int i = 0; i < 6; i++)
            {
                // Owned interior [1, 5) x [1, 4); halo column 0 copies column 4, column 5 copies column 1, same for rows.
                int si = i == 0 ? 4 : i == 5 ? 1 : i, sj = j == 0 ? 3 : j == 4 ? 1 : j;
                after[i + 6 * j].ShouldBe(values[si + 6 * sj], $"({i}, {j})");
            }
        // Reductions count each owned point once: the halo copies are not counted again.
        double owned = 0;
        for (int j = 1; j < 4; j++)
            for (int i = 1; i < 5; i++) owned += values[i + 6 * j];
        grid.Sum(a).ShouldBe(owned);
        grid.Gather(a)!.Length.ShouldBe(4 * 3);
    }

    [Fact]
    public void Owned_values_round_trip_and_refresh_the_halo()
    {
        using var backend = Backends.Cpu(1);
        using var grid = GlobalGrid.Init(7, 6);
        using var a = backend.Allocate<float>(8, 6);   // x faces
        var owned = Enumerable.Range(0, 48).Select(v => 0.5 * v).ToArray();
        grid.SetOwnedValues(a, owned);
        grid.OwnedValues(a).ShouldBe(owned);
        Should.Throw<ArgumentException>(() => grid.SetOwnedValues(a, new double[3])).Message.ShouldContain("owns 48 points");
    }
}
