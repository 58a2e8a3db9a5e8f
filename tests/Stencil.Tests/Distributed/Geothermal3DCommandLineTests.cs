using System.Text.Json;

namespace Stencil.Tests.Distributed;

/// <summary>Geothermal3D through the built program: help, bad options, and the same inversion on one and on two processes.</summary>
[Collection(MpiCollection.Name)]
public sealed class Geothermal3DCommandLineTests
{
    [Fact]
    public void Help_prints_the_usage_and_succeeds()
        => MpiRun.Alone("Geothermal3D.dll", "--help").ShouldPrintUsage("--grid NXxNYxNZ");

    [Theory]
    [InlineData("--grid 40x20", "--grid takes NXxNYxNZ with each at least 8, e.g. 127x63x63; got '40x20'.")]
    [InlineData("--iterations 0", "--iterations takes a whole number of at least 1; got '0'.")]
    [InlineData("--backend vulkan", "Unknown backend 'vulkan'")]
    [InlineData("--grid 12x8x8", "The grid 12 x 8 x 8 has no cell inside the slab")]
    [InlineData("--frobnicate", "Unknown option '--frobnicate'.")]
    public void Bad_options_get_one_line_and_exit_code_2(string args, string message)
        => MpiRun.Alone("Geothermal3D.dll", args.Split(' ')).ShouldBeRefusedWith(message);

    [Theory]
    [InlineData("plain")]
    [InlineData("hidden")]
    public void Two_processes_give_the_cost_history_of_one_to_the_last_bit(string exchange)
    {
        string one = Path.Combine(Path.GetTempPath(), $"geothermal3d-1-{Guid.NewGuid():N}");
        string two = Path.Combine(Path.GetTempPath(), $"geothermal3d-2-{Guid.NewGuid():N}");
        try
        {
            // 32 cells along x: two blocks of 17 with an overlap of 2.
            string[] args = ["--grid", "32x12x12", "--iterations", "4", "--threads", "1"];
            var single = MpiRun.Alone("Geothermal3D.dll", [.. args, "--out", one]);
            single.ExitCode.ShouldBe(0, single.Errors);
            var pair = MpiRun.Start(2, "Geothermal3D.dll", [.. args, "--exchange", exchange, "--out", two]);
            pair.ExitCode.ShouldBe(0, pair.Errors);
            pair.Output.ShouldContain("on 2 processes (2 x 1 x 1");
            double[] Costs(string folder)
            {
                using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
                return summary.RootElement.GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            }
            var costs = Costs(one);
            costs.Length.ShouldBe(5);
            Costs(two).ShouldBe(costs);
        }
        finally
        {
            foreach (var folder in new[] { one, two })
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_inversion_stopped_and_resumed_gives_the_cost_history_of_one_run_through()
    {
        string whole = Directory.CreateTempSubdirectory("geothermal3d-whole-").FullName, parts = Directory.CreateTempSubdirectory("geothermal3d-parts-").FullName;
        string[] args = ["--grid", "32x12x12", "--threads", "1"];
        MpiRun.Alone("Geothermal3D.dll", [.. args, "--iterations", "4", "--out", whole]).ExitCode.ShouldBe(0);
        MpiRun.Alone("Geothermal3D.dll", [.. args, "--iterations", "2", "--out", parts]).ExitCode.ShouldBe(0);
        var resumed = MpiRun.Alone("Geothermal3D.dll", [.. args, "--iterations", "4", "--resume", "--out", parts]);
        resumed.ExitCode.ShouldBe(0, resumed.Errors);
        resumed.Output.ShouldContain("resuming after iteration 2");
        double[] Costs(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement
            .GetProperty("cost_history").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Costs(parts).ShouldBe(Costs(whole));   // bit for bit

        var other = MpiRun.Alone("Geothermal3D.dll", ["--grid", "32x16x12", "--threads", "1", "--iterations", "1", "--out", parts]);
        other.ExitCode.ShouldBe(2);
        other.Errors.ShouldStartWith("error: " + parts + " holds the inversion state of another run (geothermal3d 32 x 12 x 12 cells, process 0 of 1");
        other.Output.ShouldNotContain("synthetic forward");   // refused before any work
    }
}
