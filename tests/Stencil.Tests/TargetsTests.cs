using Stencil.Benchmarks;

namespace Stencil.Tests;

/// <summary>
/// The harness checks the performance targets on the rows of its run: forward T_eff at 70 % of T_peak or
/// more and at least its C++ baseline's, adjoint T_eff at 80 % of the forward's or more.
/// </summary>
public sealed class TargetsTests
{
    private static ReportRow Forward(string stencil, double teff, double ofPeak, string grid = "128^3")
        => new(stencil, RowKind.Forward, grid, 1, teff, teff / ofPeak, ofPeak, null);

    private static ReportRow Adjoint(string stencil, double adjointOverForward, string grid = "128^3")
        => new(stencil, RowKind.Adjoint, grid, 1, 1, 1, 1, adjointOverForward);

    private static ReportRow Baseline(string stencil, double teff, string grid = "128^3")
        => new(stencil, RowKind.Baseline, grid, 1, teff, 1, 1, null);

    [Fact]
    public void Each_forward_is_checked_against_the_copy_and_its_own_baseline_and_each_adjoint_against_its_forward()
    {
        var checks = Targets.Check(
        [
            Forward("heat", 40, 0.75), Adjoint("heat", 0.79),
            Forward("heat", 30, 0.69, "256^3"), Adjoint("heat", 0.80, "256^3"),
            Forward("nonlinear", 20, 0.40),
            Baseline("heat", 41), Baseline("heat", 20, "256^3"), Baseline("nonlinear", 10),
        ]);

        checks.Select(c => (c.Kernel, c.Grid, c.Target, c.Met)).ShouldBe(
        [
            ("heat", "128^3", "T_eff / T_peak", true),
            ("heat", "128^3", "T_eff / g++ T_eff", false),   // 40 against the baseline's 41 GB/s
            ("heat adjoint", "128^3", "adjoint T_eff / forward T_eff", false),
            ("heat", "256^3", "T_eff / T_peak", false),
            ("heat", "256^3", "T_eff / g++ T_eff", true),
            ("heat adjoint", "256^3", "adjoint T_eff / forward T_eff", true),
            ("nonlinear", "128^3", "T_eff / T_peak", false),
            ("nonlinear", "128^3", "T_eff / g++ T_eff", true),
        ]);
        checks[1].Value.ShouldBe(40.0 / 41, 1e-15);
        checks[1].Threshold.ShouldBe(1);
        checks[0].Threshold.ShouldBe(Targets.ForwardOfPeak);
        checks[2].Threshold.ShouldBe(Targets.AdjointOfForward);
    }

    [Fact]
    public void A_forward_that_misses_the_copy_target_with_its_data_in_cache_too_is_compute_bound()
    {
        ReportRow Measured(string stencil, double ofPeak, double? inCache)
            => new(stencil, RowKind.Forward, "128^3", 1, 40, 40 / ofPeak, ofPeak, null, inCache);

        var checks = Targets.Check(
        [
            Measured("nonlinear", 0.60, 0.69),   // its arithmetic alone reaches 69 % of the copy
            Measured("heat", 0.65, 0.93),        // missed, but memory-bound: its arithmetic allows 93 %
            Measured("geothermal", 0.60, null),  // not measured in cache (2D)
            Measured("copy-like", 0.72, 0.68),   // met: a run's noise can put it above its in-cache figure
            Adjoint("nonlinear", 0.5),
        ]);

        checks.Select(c => (c.Kernel, c.Met, c.ComputeBound, c.InCache)).ShouldBe(
        [
            ("nonlinear", false, true, 0.69),
            ("heat", false, false, 0.93),
            ("geothermal", false, false, null),
            ("copy-like", true, false, 0.68),
            ("nonlinear adjoint", false, false, null),
        ]);
    }

    [Fact]
    public void A_forward_without_a_baseline_in_the_run_has_no_baseline_check()
    {
        var checks = Targets.Check([Forward("geothermal", 50, 0.9, "4096^2"), Baseline("geothermal", 10, "2048^2")]);

        checks.ShouldHaveSingleItem().Target.ShouldBe("T_eff / T_peak");
    }
}
