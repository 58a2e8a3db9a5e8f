namespace Stencil.Tests.Distributed;

/// <summary>The 3D diffusion example's command line: help, bad options and a missing device get one line and an exit code, never a stack trace.</summary>
public sealed class Diffusion3DCommandLineTests
{
    private static (int ExitCode, string Output, string Errors) Run(params string[] args) => MpiRun.Alone("Diffusion3D.dll", args);

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
        => Run("--help").ShouldPrintUsage("--backend cpu|cuda|opencl|ilgpu-cpu");

    [Theory]
    [InlineData("--n abc", "--n takes a whole number of at least 3; got 'abc'.")]
    [InlineData("--steps 0", "--steps takes a whole number of at least 1; got '0'.")]
    [InlineData("--backend gpu", "Unknown backend 'gpu'; choose one of: cpu, cuda, opencl, ilgpu-cpu.")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.")]
    [InlineData("--pt --n 4", "--pt takes --n of at least 8; got 4.")]
    [InlineData("--pt-iterations 0", "--pt-iterations takes a whole number of at least 1; got '0'.")]
    public void Bad_options_get_one_line_and_exit_code_2(string args, string message)
        => Run(args.Split(' ')).ShouldBeRefusedWith(message);

    [Fact]
    public void The_pseudo_transient_case_converges_and_reports_its_iterations_and_T_eff()
    {
        var run = Run("--pt", "--n", "16", "--threads", "1");
        run.ExitCode.ShouldBe(0, run.Errors);
        run.Output.ShouldContain("16^3 points: ");
        run.Output.ShouldContain("PT iterations in 5 steps");
        run.Output.ShouldContain("T_eff of a PT iteration");
        run.Output.ShouldContain("T_eff / T_peak");
        run.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_backend_without_a_device_is_one_line_and_exit_code_1()
    {
        // Where a CUDA GPU exists the tiny run simply succeeds.
        var run = Run("--backend", "cuda", "--n", "8", "--steps", "1");
        if (run.ExitCode == 0) return;
        run.ExitCode.ShouldBe(1, run.Errors);
        run.Errors.ShouldStartWith("error: ");
        run.Errors.Trim().Split('\n').Length.ShouldBe(1, run.Errors);
        run.Errors.ShouldNotContain("   at ");
    }
}
