using System.Diagnostics;
using Stencil.Benchmarks;

namespace Stencil.Tests;

/// <summary>
/// The T_eff harness rejects a bad command line before it measures anything (a run takes minutes),
/// saying what is wrong and what to write; <c>--n 0</c> and <c>--n2d 0</c> leave a set of kernels out.
/// </summary>
public sealed class HarnessOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_grids()
    {
        HarnessOptions.TryParse([], out var options, out _).ShouldBeTrue();
        options.Sizes.ShouldBe([128, 256]);
        options.Size2D.ShouldBe(4096);
        options.Reps.ShouldBe(11);
        options.Backend.ShouldBe("cpu");
        options.Json.ShouldBeNull();
    }

    [Fact]
    public void Zero_sizes_leave_kernels_out()
    {
        HarnessOptions.TryParse(["--n", "0", "--n2d", "512"], out var only2D, out _).ShouldBeTrue();
        only2D.Sizes.ShouldBeEmpty();
        only2D.Size2D.ShouldBe(512);

        HarnessOptions.TryParse(["--n", "64,96", "--n2d", "0", "--threads", "2", "--block-bytes", "4096"], out var only3D, out _).ShouldBeTrue();
        only3D.Sizes.ShouldBe([64, 96]);
        only3D.Size2D.ShouldBe(0);
        only3D.Threads.ShouldBe(2);
        only3D.BlockBytes.ShouldBe(4096L);
    }

    [Theory]
    [InlineData("--n 0 --n2d 0", "leave no kernel")]
    [InlineData("--n 128,abc", "--n takes grid sizes")]
    [InlineData("--n 2", "at least 3")]
    [InlineData("--n2d -1", "--n2d takes a grid size")]
    [InlineData("--reps 0", "--reps takes")]
    [InlineData("--threads x", "--threads takes")]
    [InlineData("--block-bytes 0", "--block-bytes takes")]
    [InlineData("--indices 16 --backend cuda", "--indices takes 32")]
    [InlineData("--indices 64", "the cpu backend has none")]
    [InlineData("--reps", "'--reps' needs a value")]
    [InlineData("--size 128", "Unknown option '--size'")]
    public void Bad_options_are_named_with_what_to_write(string line, string expected)
    {
        HarnessOptions.TryParse(line.Split(' '), out _, out string error).ShouldBeFalse();
        error.ShouldContain(expected);
    }

    [Fact]
    public void A_report_path_must_be_a_file_in_a_folder_that_exists()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"stencil-missing-{Guid.NewGuid():N}", "report.json");
        HarnessOptions.TryParse(["--json", missing], out _, out string error).ShouldBeFalse();
        error.ShouldContain("in a folder that exists");
        HarnessOptions.TryParse(["--json", Path.GetTempPath()], out _, out _).ShouldBeFalse();

        string fine = Path.Combine(Path.GetTempPath(), "report.json");
        HarnessOptions.TryParse(["--json", fine], out var options, out _).ShouldBeTrue();
        options.Json.ShouldBe(fine);
    }

    [Fact]
    public void The_harness_stops_at_once_on_a_bad_option()
    {
        // Before this check, `--n2d 0` ran every 3D measurement (a minute at 256^3) and then
        // stopped with an unhandled exception, and the report was never written.
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = BenchmarkHarnessTests.StartHarness(new Dictionary<string, string>(), ["--n", "128", "--n2d", "1"]);

        exitCode.ShouldBe(2, output);
        output.ShouldContain("--n2d takes a grid size of at least 3");
        output.ShouldNotContain("steady after");   // no copy was timed (Settle)
        watch.Elapsed.TotalSeconds.ShouldBeLessThan(30);
    }
}
