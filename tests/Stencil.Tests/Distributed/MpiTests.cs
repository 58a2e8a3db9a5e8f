using System.Text.Json;

namespace Stencil.Tests.Distributed;

/// <summary>
/// The distributed layer under mpiexec: halo updates against global references, reductions,
/// and solvers, gradients and the inversion on several processes against one process.
/// </summary>
[Collection(MpiCollection.Name)]
public sealed class MpiTests
{
    private const string Scenarios = "Stencil.Mpi.dll";

    private static string Pass((int ExitCode, string Output, string Errors) run)
    {
        run.ExitCode.ShouldBe(0, $"stdout:\n{run.Output}\nstderr:\n{run.Errors}");
        run.Output.ShouldContain("PASS", customMessage: run.Output + run.Errors);
        return run.Output;
    }

    [Theory]
    [InlineData(2, "20x12", "double", "")]          // 2 x 1
    [InlineData(2, "20x12", "float", "dims=1x2")]   // 1 x 2
    [InlineData(4, "20x12", "double", "")]          // 2 x 2: corners through the y exchange of x halos
    [InlineData(4, "12x10x10", "double", "")]       // 2 x 2 x 1
    [InlineData(4, "12x10x10", "float", "dims=1x2x2")]
    [InlineData(2, "30", "double", "")]             // 1D
    [InlineData(4, "24x16", "double", "overlap=4")]
    [InlineData(4, "24x16", "double", "periodic")]
    [InlineData(1, "14x10x8", "double", "periodic")]  // one process, periodic: its own neighbour
    public void Halo_update_of_every_staggering_matches_the_global_field(int processes, string grid, string type, string option)
        => Pass(MpiRun.Start(processes, Scenarios, ["halo", grid, "cpu", type, .. option == "" ? Array.Empty<string>() : [option]]));

    [Fact]
    public void Halo_update_of_accelerator_fields_stages_through_the_host()
        => Pass(MpiRun.Start(2, Scenarios, "halo", "10x6x6", "ilgpu-cpu", "float"));

    [Fact]
    public void Sums_dots_and_norms_are_the_same_bits_on_1_2_and_4_processes()
    {
        // Each run checks itself against the global field (1e-13, and the gathered field exactly); the printed sums must agree to the bit.
        var lines = new[] { 1, 2, 4 }.Select(n => Pass(MpiRun.Start(n, Scenarios, "reduce", "30x14", "cpu")).Split('\n').Where(l => l.StartsWith("field")).ToArray()).ToArray();
        lines[0].Length.ShouldBe(2);
        lines[1].ShouldBe(lines[0]);
        lines[2].ShouldBe(lines[0]);
        Pass(MpiRun.Start(3, Scenarios, "reduce", "14x8x7", "cpu"));
    }

    [Fact]
    public void Forward_adjoint_and_gradient_on_4_processes_are_the_bits_of_one_process()
    {
        var one = Digests(Pass(MpiRun.Alone(Scenarios, "darcy", "48x24", "cpu")));
        var four = Digests(Pass(MpiRun.Start(4, Scenarios, "darcy", "48x24", "cpu")));
        var twoSeparateSteps = Digests(Pass(MpiRun.Start(2, Scenarios, "darcy", "48x24", "cpu", "separate-steps")));
        var fourHidden = Digests(Pass(MpiRun.Start(4, Scenarios, "darcy", "48x24", "cpu", "hide")));
        one.Count.ShouldBe(7);   // iteration counts, then Pf, qx, qy, Ψ_Pf, Ψ_qx, dJ/dK
        four.ShouldBe(one);
        twoSeparateSteps.ShouldBe(one);
        fourHidden.ShouldBe(one);   // boundary slabs, then the interior while the halos travel: the same bits
    }

    [Fact]
    public void The_accelerator_path_on_2_processes_gives_the_bits_of_the_cpu()
    {
        var cpu = Digests(Pass(MpiRun.Alone(Scenarios, "darcy", "16x8", "cpu")));
        var simulator = Digests(Pass(MpiRun.Start(2, Scenarios, "darcy", "16x8", "ilgpu-cpu")));
        simulator.ShouldBe(cpu);
    }

    private static List<string> Digests(string output) => output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("PASS")).ToList();

    [Theory]
    [InlineData(2, "64x31", "plain")]    // 2 x 1: the quick grid 63 x 31 becomes 64 x 31
    [InlineData(4, "64x32", "hidden")]   // 2 x 2
    public void Quick_inversion_under_mpiexec_reproduces_the_single_process_cost_history(int processes, string grid, string exchange)
    {
        string distributed = Temporary(), single = Temporary();
        var run = MpiRun.Start(processes, "Geothermal2D.dll", "--quick", "--exchange", exchange, "--out", distributed);
        run.ExitCode.ShouldBe(0, run.Output + run.Errors);
        run.Output.ShouldContain($"using {grid.Replace("x", " x ")}");
        var alone = MpiRun.Alone("Geothermal2D.dll", "--quick", "--grid", grid, "--out", single);
        alone.ExitCode.ShouldBe(0, alone.Output + alone.Errors);

        var (d, s) = (Summary(distributed), Summary(single));
        d.GetProperty("ranks").GetInt32().ShouldBe(processes);
        d.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()).ShouldBe(grid.Split('x').Select(int.Parse));
        Costs(d).Length.ShouldBe(4);
        Costs(d).ShouldBe(Costs(s));   // bit for bit: exact sums and owned-point reductions
        File.ReadAllBytes(Path.Combine(distributed, "fields.vti")).ShouldBe(File.ReadAllBytes(Path.Combine(single, "fields.vti")));
    }

    [Fact]
    public void A_distributed_inversion_resumes_bit_for_bit_from_its_per_process_states()
    {
        string whole = Temporary(), parts = Temporary();
        MpiRun.Start(2, "Geothermal2D.dll", "--quick", "--iterations", "3", "--out", whole).ExitCode.ShouldBe(0);
        MpiRun.Start(2, "Geothermal2D.dll", "--quick", "--iterations", "1", "--out", parts).ExitCode.ShouldBe(0);
        Directory.GetFiles(parts, "inversion.rank*of2.state").Length.ShouldBe(2);
        var resumed = MpiRun.Start(2, "Geothermal2D.dll", "--quick", "--iterations", "3", "--resume", "--out", parts);
        resumed.ExitCode.ShouldBe(0, resumed.Output + resumed.Errors);
        resumed.Output.ShouldContain("resuming after iteration 1");
        Costs(Summary(parts)).ShouldBe(Costs(Summary(whole)));

        // Resuming on another number of processes is refused before any work, with what to do.
        var wrong = MpiRun.Start(4, "Geothermal2D.dll", "--quick", "--iterations", "3", "--resume", "--out", parts);
        wrong.ExitCode.ShouldBe(2, wrong.Output + wrong.Errors);
        wrong.Errors.Split("start without --resume").Length.ShouldBe(2, wrong.Errors);   // said once, by the first process
    }

    [Fact]
    public void A_global_grid_the_processes_cannot_split_is_refused_once_with_the_nearest_valid_sizes()
    {
        var run = MpiRun.Start(2, "Geothermal2D.dll", "--grid", "255x127", "--out", Temporary());
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldContain("the nearest valid sizes are 254 and 256");
        run.Errors.Split("does not fit").Length.ShouldBe(2, run.Errors);   // said once, not by every process
        run.Errors.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_machine_without_the_MPI_library_gets_what_to_install_before_any_work()
    {
        var run = MpiRun.StartWith(new Dictionary<string, string> { ["STENCIL_MPI_LIBRARY"] = "/nonexistent/libmpich.so.12" }, 1, "Geothermal2D.dll", "--quick", "--out", Temporary());
        run.ExitCode.ShouldNotBe(0);
        run.Errors.ShouldContain("apt-get install mpich");
        run.Errors.ShouldNotContain("   at ");
        run.Output.ShouldNotContain("iteration 0");
    }

    private static string Temporary() => Directory.CreateTempSubdirectory("stencil-mpi-").FullName;

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    private static double[] Costs(JsonElement summary) => summary.GetProperty("inversion").GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
