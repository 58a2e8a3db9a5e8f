namespace Stencil.Tests.Distributed;

/// <summary>ShallowIce2D's command line through the built program: help, and bad options refused with one line.</summary>
public sealed class ShallowIceCommandLineTests
{
    private static (int ExitCode, string Output, string Errors) Run(params string[] args) => MpiRun.Alone("ShallowIce2D.dll", args);

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
        => Run("--help").ShouldPrintUsage("--n N");

    [Theory]
    [InlineData("--n 8", "--n takes a whole number of at least 16; got '8'.")]
    [InlineData("--threads 0", "--threads takes a whole number of at least 1; got '0'.")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.")]
    public void Bad_options_get_one_line_and_exit_code_2(string args, string message)
        => Run(args.Split(' ')).ShouldBeRefusedWith(message);
}
