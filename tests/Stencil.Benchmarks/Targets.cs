namespace Stencil.Benchmarks;

/// <summary>
/// One of the performance targets, checked on one kernel of one harness run. <paramref name="InCache"/>: for
/// a forward's T_eff / T_peak, the kernel's T_eff with its data in cache over T_peak (what its
/// instructions alone allow on this machine).
/// </summary>
public sealed record TargetCheck(string Kernel, string Grid, string Target, double Value, double Threshold, double? InCache = null)
{
    /// <summary>Whether the run met the target.</summary>
    public bool Met => Value >= Threshold;

    /// <summary>
    /// Whether the kernel misses the target even with its data in cache: its arithmetic alone takes
    /// longer than the target allows, so no memory access pattern meets it on this machine.
    /// </summary>
    public bool ComputeBound => !Met && InCache < Threshold;
}

/// <summary>
/// The performance targets for the CPU backend, checked on the rows of one harness run
/// (ratios are meaningful only within one run): each forward kernel at 70 % or more of the copy's
/// T_eff (T_peak) and at least the T_eff of its C++ baseline where the run has one; each adjoint at
/// 80 % or more of its forward kernel's T_eff.
/// </summary>
public static class Targets
{
    /// <summary>Forward T_eff over T_peak.</summary>
    public const double ForwardOfPeak = 0.70;

    /// <summary>Adjoint T_eff over forward T_eff.</summary>
    public const double AdjointOfForward = 0.80;

    /// <summary>The checks, in the order of the rows.</summary>
    public static IReadOnlyList<TargetCheck> Check(IReadOnlyList<ReportRow> rows)
    {
        var checks = new List<TargetCheck>();
        foreach (var row in rows)
        {
            if (row.Kind == RowKind.Forward)
            {
                checks.Add(new TargetCheck(row.Kernel, row.Grid, "T_eff / T_peak", row.OfPeak, ForwardOfPeak, row.InCacheOfPeak));
                var baseline = rows.FirstOrDefault(r => r.Kind == RowKind.Baseline && r.Stencil == row.Stencil && r.Grid == row.Grid);
                if (baseline is not null)
                    checks.Add(new TargetCheck(row.Kernel, row.Grid, "T_eff / g++ T_eff", row.Teff / baseline.Teff, 1));
            }
            else if (row is { Kind: RowKind.Adjoint, AdjointOverForward: double ratio })
            {
                checks.Add(new TargetCheck(row.Kernel, row.Grid, "adjoint T_eff / forward T_eff", ratio, AdjointOfForward));
            }
        }
        return checks;
    }
}
