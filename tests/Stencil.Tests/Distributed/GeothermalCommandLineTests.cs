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
    [InlineData("--iterations abc", "--iterations takes a positive whole number")]
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
}
