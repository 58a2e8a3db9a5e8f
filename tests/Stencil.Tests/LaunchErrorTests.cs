using Stencil.Tests.Kernels;
using Darcy = Geothermal2D.Darcy;

namespace Stencil.Tests;

/// <summary>Wrong fields are caught before the kernel runs, with a message that says what to fix.</summary>
[Collection(BackendCollection.Name)]
public sealed class LaunchErrorTests(BackendFixture backends)
{
    [Fact]
    public void Field_of_another_backend_is_rejected()
    {
        using var other = Backends.Cpu(1);
        using var R = backends.Cpu.Allocate<double>(4);
        using var A = other.Allocate<double>(6);
        var e = Should.Throw<ArgumentException>(() => Operators1D.Cases.Single(c => c.Name == "D2").Run(backends.Cpu, R, A));
        e.Message.ShouldContain("field 'A' lives on backend");
    }

    [Fact]
    public void Field_of_the_wrong_dimension_is_rejected()
    {
        using var R = backends.Cpu.Allocate<double>(4, 4);
        using var A = backends.Cpu.Allocate<double>(6, 4);
        var e = Should.Throw<ArgumentException>(() => Operators1D.Cases.Single(c => c.Name == "D2").Run(backends.Cpu, R, A));
        e.Message.ShouldContain("'R' is 2D (4x4) but the kernel is 1D");
    }

    [Fact]
    public void Read_field_too_small_for_the_written_region_is_rejected_and_nothing_is_written()
    {
        int nx = 9, ny = 7;
        using var Rqx = backends.Cpu.Allocate<double>(nx + 1, ny);
        using var Rqy = backends.Cpu.Allocate<double>(nx, ny + 1);
        using var qx = backends.Cpu.Allocate<double>(nx + 1, ny);
        using var qy = backends.Cpu.Allocate<double>(nx, ny + 1);
        using var Pf = backends.Cpu.Allocate<double>(nx - 1, ny);   // one too small: a staggering mistake
        using var K = backends.Cpu.Allocate<double>(nx, ny);
        Rqx.Fill(3);

        var e = Should.Throw<ArgumentException>(() => Darcy.ResidualFluxes(backends.Cpu, Rqx, Rqy, qx, qy, Pf, K, 1, 1));

        e.Message.ShouldContain("the statement writing Rqx (10x7) reads 'Pf' (8x7)");
        e.Message.ShouldContain("'Pf' must be 9x7");
        Rqx.ToArray().ShouldAllBe(v => v == 3);
    }

    [Fact]
    public void Reading_part_of_a_larger_field_is_an_explicit_choice()
    {
        using var R = backends.Cpu.Allocate<double>(4, 3);
        using var A = backends.Cpu.Allocate<double>(6, 5);
        A.CopyFromHost(Enumerable.Range(0, 30).Select(i => (double)i).ToArray());

        Should.Throw<ArgumentException>(() => Samples.ExactCopy(backends.Cpu, R, A)).Message.ShouldContain("'A' must be 4x3");
        Samples.CornerCopy(backends.Cpu, R, A);

        R.ToArray().ShouldBe(Enumerable.Range(0, 12).Select(i => (double)(i % 4 + 6 * (i / 4))).ToArray());
    }

    [Fact]
    public void Residual_one_face_short_is_rejected_naming_both_ways_to_line_up()
    {
        // Rqx allocated like the cells (9x7) instead of the faces (10x7): it would compute 6 of the 8 inner faces.
        int nx = 9, ny = 7;
        using var Rqx = backends.Cpu.Allocate<double>(nx, ny);
        using var Rqy = backends.Cpu.Allocate<double>(nx, ny + 1);
        using var qx = backends.Cpu.Allocate<double>(nx + 1, ny);
        using var qy = backends.Cpu.Allocate<double>(nx, ny + 1);
        using var Pf = backends.Cpu.Allocate<double>(nx, ny);
        using var K = backends.Cpu.Allocate<double>(nx, ny);

        var e = Should.Throw<ArgumentException>(() => Darcy.ResidualFluxes(backends.Cpu, Rqx, Rqy, qx, qy, Pf, K, 1, 1));

        e.Message.ShouldContain("the statement writing Rqx (9x7)");
        e.Message.ShouldContain("with 'qx' as it is, Rqx must be 10x7");
        e.Message.ShouldContain("ExactExtents = false");
    }

    [Fact]
    public void Input_one_point_too_long_is_rejected_instead_of_read_misaligned()
    {
        int nx = 9, ny = 7;
        using var RPf = backends.Cpu.Allocate<double>(nx, ny);
        using var qx = backends.Cpu.Allocate<double>(nx + 1, ny);
        using var qy = backends.Cpu.Allocate<double>(nx, ny + 1);
        using var Qf = backends.Cpu.Allocate<double>(nx + 1, ny);   // one too long: every row would be read shifted

        var e = Should.Throw<ArgumentException>(() => Darcy.ResidualPressure(backends.Cpu, RPf, qx, qy, Qf, 1, 1));

        e.Message.ShouldContain("reads 'Qf' (10x7)");
        e.Message.ShouldContain("'Qf' must be 9x7");
    }

    [Fact]
    public void Written_field_passed_twice_is_rejected()
    {
        using var T = backends.Cpu.Allocate<double>(5, 5, 5);
        using var Ci = backends.Cpu.Allocate<double>(5, 5, 5);
        var e = Should.Throw<ArgumentException>(() => Samples.Diffusion3D(backends.Cpu, T, T, Ci, 1, 1, 1, 1, 1));
        e.Message.ShouldContain("the same field is passed as 'T2', which the kernel writes, and as 'T'");
    }

    [Fact]
    public void Disposed_field_is_rejected()
    {
        using var R = backends.Cpu.Allocate<double>(4);
        var A = backends.Cpu.Allocate<double>(6);
        A.Dispose();
        Should.Throw<ObjectDisposedException>(() => Operators1D.Cases.Single(c => c.Name == "D2").Run(backends.Cpu, R, A));
    }

    [Fact]
    public void Host_copy_of_the_wrong_length_is_rejected()
    {
        using var A = backends.Cpu.Allocate<double>(3, 2);
        var e = Should.Throw<ArgumentException>(() => A.CopyFromHost(new double[5]));
        e.Message.ShouldContain("5 values but the field 3x2 has 6");
    }

    [Fact]
    public void Dsl_members_throw_outside_generated_code()
    {
        using var A = backends.Cpu.Allocate<double>(3);
        var e = Should.Throw<InvalidOperationException>(() => FiniteDifferences1D.D(A));
        e.Message.ShouldContain("only has a meaning inside a [Stencil] method");
    }

    [Fact]
    public void Unknown_backend_name_lists_the_choices()
    {
        var e = Should.Throw<ArgumentException>(() => Backends.Create("tpu"));
        e.Message.ShouldContain("cpu, cuda, opencl, ilgpu-cpu");
    }
}
