namespace Stencil.Tests.Distributed;

/// <summary>
/// The geothermal example's command line as a user meets it: help, bad options, a folder it cannot
/// write, a damaged saved state. One clear line each, exit code 0, 2 (usage or input) or 1 (the run
/// failed), and never a stack trace.
/// </summary>
public sealed class GeothermalCommandLineTests
{
    private static (int ExitCode, string Output, string Errors) Run(params string[] args) => MpiRun.Alone("Geothermal2D.dll", args);

    private static void NoStackTrace((int ExitCode, string Output, string Errors) run)
    {
        run.Errors.ShouldNotContain("   at ");
        run.Errors.ShouldNotContain("Exception");
    }

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
    {
        var run = Run("--help");
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain("--grid NXxNY");
        run.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--iterations abc", "--iterations takes a whole number of at least 1; got 'abc'.")]
    [InlineData("--backend gpu", "Unknown backend 'gpu'; choose one of")]
    [InlineData("--exchange sometimes", "--exchange takes auto, plain, hidden")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'")]
    public void Bad_options_get_one_line_and_exit_code_2(string args, string message)
    {
        var run = Run([.. args.Split(' '), "--out", Directory.CreateTempSubdirectory("stencil-cli-").FullName]);
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith(message);
        run.Errors.ShouldNotContain("(Parameter");
        NoStackTrace(run);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused_before_any_work()
    {
        var run = Run("--quick", "--out", "/proc/stencil-cannot-write-here");
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldContain("Cannot write to the output folder '/proc/stencil-cannot-write-here'");
        run.Errors.ShouldContain("choose another with --out");
        run.Output.ShouldNotContain("synthetic forward");
        NoStackTrace(run);
    }

    [Fact]
    public void A_damaged_inversion_state_is_refused_with_what_to_do_and_kept()
    {
        string folder = Directory.CreateTempSubdirectory("stencil-cli-").FullName;
        string state = Path.Combine(folder, "inversion.state");
        File.WriteAllText(state, "not a state");
        var run = Run("--quick", "--resume", "--out", folder);
        run.ExitCode.ShouldBe(1);
        run.Errors.ShouldContain("is not a complete Stencil inversion state");
        run.Errors.ShouldContain("start without --resume");
        NoStackTrace(run);
        File.ReadAllText(state).ShouldBe("not a state");   // nothing lost
    }

    [Fact]
    public void Quick_runs_write_to_their_own_default_folder()
    {
        Geothermal2D.Options.Parse(["--quick"]).Out.ShouldBe(Path.Combine("out", "geothermal2d-quick"));
        Geothermal2D.Options.Parse([]).Out.ShouldBe(Path.Combine("out", "geothermal2d"));
        Geothermal2D.Options.Parse(["--quick", "--out", "mine"]).Out.ShouldBe("mine");
    }

    [Fact]
    public void A_state_of_another_grid_is_neither_resumed_nor_replaced_without_force_and_a_damaged_copy_is_refused()
    {
        string folder = Directory.CreateTempSubdirectory("stencil-cli-").FullName;
        string state = Path.Combine(folder, "inversion.state");
        Run("--quick", "--iterations", "1", "--grid", "31x15", "--out", folder).ExitCode.ShouldBe(0);
        var written = File.ReadAllBytes(state);

        var fresh = Run("--quick", "--iterations", "1", "--out", folder);
        fresh.ExitCode.ShouldBe(2);
        fresh.Errors.ShouldContain("holds the inversion state of another run (geothermal2d 31x15 cells, process 0 of 1; this one is geothermal2d 63x31 cells");
        fresh.Errors.ShouldContain("pass --force to replace it");
        NoStackTrace(fresh);
        var resumed = Run("--quick", "--iterations", "1", "--resume", "--out", folder);
        resumed.ExitCode.ShouldBe(2);
        resumed.Errors.ShouldContain("resume with the options that wrote it");
        NoStackTrace(resumed);
        File.ReadAllBytes(state).ShouldBe(written);   // nothing lost

        // One flipped bit: the checksum catches it, and the file is kept.
        var damaged = (byte[])written.Clone();
        damaged[damaged.Length / 2] ^= 0x10;
        File.WriteAllBytes(state, damaged);
        var refused = Run("--quick", "--iterations", "1", "--grid", "31x15", "--resume", "--out", folder);
        refused.ExitCode.ShouldBe(1);
        refused.Errors.ShouldContain("is damaged (its checksum does not match its contents)");
        NoStackTrace(refused);
        File.ReadAllBytes(state).ShouldBe(damaged);

        var forced = Run("--quick", "--iterations", "1", "--force", "--out", folder);
        forced.ExitCode.ShouldBe(0, forced.Errors);
        InversionState.Load(state).Label.ShouldBe("geothermal2d 63x31 cells, process 0 of 1");
    }

    [Fact]
    public void Resuming_a_complete_run_says_so_and_keeps_the_summary_meaningful()
    {
        string folder = Directory.CreateTempSubdirectory("stencil-cli-").FullName;
        Run("--quick", "--iterations", "1", "--grid", "31x15", "--out", folder).ExitCode.ShouldBe(0);
        var again = Run("--quick", "--iterations", "1", "--grid", "31x15", "--resume", "--out", folder);
        again.ExitCode.ShouldBe(0, again.Errors);
        again.Output.ShouldContain("is complete (1 of 1 iterations)");
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement;
        summary.GetProperty("forward").GetProperty("iterations").GetInt32().ShouldBeGreaterThan(0);
        summary.GetProperty("adjoint").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        summary.GetProperty("inversion").GetProperty("iterations").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void A_backend_without_a_device_is_one_line_and_exit_code_1()
    {
        // Where a CUDA GPU exists the quick run on it succeeds instead.
        var run = Run("--backend", "cuda", "--quick", "--iterations", "1", "--grid", "31x15", "--out", Directory.CreateTempSubdirectory("stencil-cli-").FullName);
        if (run.ExitCode == 0) return;
        run.ExitCode.ShouldBe(1, run.Errors);
        run.Errors.ShouldStartWith("error: ");
        run.Errors.Trim().Split('\n').Length.ShouldBe(1, run.Errors);
        NoStackTrace(run);
    }
}
