namespace Stencil.Tests.Distributed;

/// <summary>The power-law example's command line: help, bad options, an unwritable folder and a missing device get one line and an exit code, never a stack trace.</summary>
public sealed class PowerLawCommandLineTests
{
    private static (int ExitCode, string Output, string Errors) Run(params string[] args) => MpiRun.Alone("PowerLaw1D.dll", args);

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
        => Run("--help").ShouldPrintUsage("--iterations N");

    [Theory]
    [InlineData("--nx 4", "--nx takes a whole number of at least 8; got '4'.")]
    [InlineData("--iterations", "--iterations needs a value.")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.")]
    public void Bad_options_get_one_line_and_exit_code_2(string args, string message)
        => Run(args.Split(' ')).ShouldBeRefusedWith(message);

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused_before_any_work()
    {
        // A folder below a file can never be created.
        string file = Path.GetTempFileName();
        try
        {
            var run = Run("--quick", "--out", Path.Combine(file, "out"));
            run.ExitCode.ShouldBe(2);
            run.Errors.ShouldStartWith($"Cannot write to the output folder '{Path.Combine(file, "out")}'");
            run.Errors.ShouldContain("choose another with --out");
            run.Errors.Trim().Split('\n').Length.ShouldBe(1, run.Errors);
            run.Output.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_backend_without_a_device_is_one_line_and_exit_code_1()
    {
        // Where a CUDA GPU exists the quick run simply succeeds.
        string output = Path.Combine(Path.GetTempPath(), $"powerlaw-cuda-{Guid.NewGuid():N}");
        try
        {
            var run = Run("--backend", "cuda", "--quick", "--out", output);
            if (run.ExitCode == 0) return;
            run.ExitCode.ShouldBe(1, run.Errors);
            run.Errors.ShouldStartWith("error: ");
            run.Errors.Trim().Split('\n').Length.ShouldBe(1, run.Errors);
            run.Errors.ShouldNotContain("   at ");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
