namespace Stencil.Tests.Distributed;

/// <summary>What every example's command line promises: usage on --help, and bad input refused with one line.</summary>
internal static class CommandLineAssertions
{
    /// <summary>Exit code 0, the usage (with <paramref name="option"/>) on standard output, nothing on standard error.</summary>
    public static void ShouldPrintUsage(this (int ExitCode, string Output, string Errors) run, string option)
    {
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain(option);
        run.Errors.ShouldBeEmpty();
    }

    /// <summary>Exit code 2, standard error starting with <paramref name="message"/> and no stack trace, nothing on standard output.</summary>
    public static void ShouldBeRefusedWith(this (int ExitCode, string Output, string Errors) run, string message)
    {
        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith(message);
        run.Errors.ShouldNotContain("   at ");
        run.Output.ShouldBeEmpty();
    }
}
