using Stencil.Distributed;

namespace Stencil.Tests.Distributed;

/// <summary>The shared command line: defaults for full and quick runs, a program's flags, and one clear message for each bad option.</summary>
public sealed class RunOptionsTests
{
    private static readonly RunDefaults Defaults = new("case", Grid: [40, 20], QuickGrid: [12, 6], Iterations: 20, QuickIterations: 3, MinimumCells: 4);

    private static RunOptions Parse(params string[] args) => RunOptions.Parse(args, Defaults, "usage text", "--mine");

    [Fact]
    public void Defaults_depend_on_quick_and_given_values_win()
    {
        var full = Parse();
        (full.Backend, full.Exchange, full.Out, full.Iterations, full.Quick, full.Resume, full.Force, full.Help, full.GridGiven).ShouldBe(("cpu", "auto", Path.Combine("out", "case"), 20, false, false, false, false, false));
        full.Grid.ShouldBe([40, 20]);
        full.Threads.ShouldBeNull();
        full.UsageText.ShouldBe("usage text");
        var quick = Parse("--quick");
        (quick.Out, quick.Iterations).ShouldBe((Path.Combine("out", "case-quick"), 3));
        quick.Grid.ShouldBe([12, 6]);
        var given = Parse("--quick", "--grid", "30x10", "--iterations", "7", "--threads", "2", "--out", "here", "--backend", "ilgpu-cpu", "--exchange", "hidden", "--resume", "--force", "--mine", "-h");
        (given.Out, given.Iterations, given.Threads, given.Backend, given.Exchange, given.Resume, given.Force, given.Help, given.GridGiven).ShouldBe(("here", 7, 2, "ilgpu-cpu", "hidden", true, true, true, true));
        given.Grid.ShouldBe([30, 10]);
        given.Has("--mine").ShouldBeTrue();
        full.Has("--mine").ShouldBeFalse();
    }

    [Theory]
    [InlineData("--iterations 0", "--iterations takes a whole number of at least 1; got '0'.")]
    [InlineData("--threads x", "--threads takes a whole number of at least 1; got 'x'.")]
    [InlineData("--grid 30x3", "--grid takes NXxNY with each at least 4, e.g. 40x20; got '30x3'.")]
    [InlineData("--grid 30x10x10", "--grid takes NXxNY with each at least 4, e.g. 40x20; got '30x10x10'.")]
    [InlineData("--exchange sometimes", "--exchange takes auto, plain, hidden; got 'sometimes'.")]
    [InlineData("--backend gpu", "Unknown backend 'gpu'; choose one of: cpu, cuda, opencl, ilgpu-cpu.")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.\nusage text")]
    [InlineData("--out", "--out needs a value.\nusage text")]
    public void A_bad_option_gets_one_message_that_says_what_it_takes(string args, string message)
        => Should.Throw<ArgumentException>(() => Parse(args.Split(' '))).Message.ShouldBe(message);

    [Fact]
    public void Defaults_with_grids_of_different_axes_are_refused()
        => Should.Throw<ArgumentException>(() => RunOptions.Parse([], Defaults with { QuickGrid = [12, 6, 6] }, "usage")).Message.ShouldContain("give both with 1, 2 or 3 axes");

    [Fact]
    public void The_usage_lists_the_shared_options_with_the_programs_defaults()
    {
        string usage = RunOptions.Usage(Defaults);
        usage.ShouldContain("--grid NXxNY                          global cells (default 40x20; with --quick 12x6)");
        usage.ShouldContain("--iterations N                        L-BFGS iterations (default 20, or 3 with --quick)");
        usage.ShouldContain("output folder (default out/case, or out/case-quick with --quick)");
        foreach (var option in new[] { "--backend", "--threads", "--exchange", "--out", "--quick", "--resume", "--force" }) usage.ShouldContain(option);
        RunOptions.Usage(Defaults with { Grid = [40, 20, 20], QuickGrid = [12, 6, 6] }).ShouldContain("--grid NXxNYxNZ ");
    }

    [Fact]
    public void A_default_grid_is_created_as_given_on_one_process()
    {
        var log = new StringWriter();
        using var grid = Parse("--grid", "30x10").CreateGrid(log);
        (grid.NxGlobal, grid.NyGlobal, grid.Processes).ShouldBe((30, 10, 1));
        log.ToString().ShouldBeEmpty();   // nothing adjusted, nothing said
    }
}
