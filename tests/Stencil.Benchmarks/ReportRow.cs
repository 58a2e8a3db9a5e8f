using System.Text.Json.Serialization;

namespace Stencil.Benchmarks;

/// <summary>What a line of the T_eff report measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RowKind>))]
public enum RowKind
{
    /// <summary>A generated forward kernel.</summary>
    Forward,

    /// <summary>The generated adjoint (reverse-mode) kernel of a forward kernel.</summary>
    Adjoint,

    /// <summary>The forward kernel hand-written in C++ (g++ -O3 -march=native -fopenmp).</summary>
    Baseline,
}

/// <summary>
/// One line of the T_eff report: <paramref name="Stencil"/> names the forward kernel the line belongs
/// to, <paramref name="Kind"/> what was timed. <see cref="OfPeak"/> and <see cref="AdjointOverForward"/>
/// are medians of per-round ratios; <see cref="InCacheOfPeak"/>: the T_eff of the kernel with its data
/// in cache, over T_peak; <see cref="CpuDeviation"/> (backends other than the CPU): how far the kernel's
/// results were from the native CPU backend's (<see cref="CpuCheck"/>).
/// </summary>
public sealed record ReportRow(string Stencil, RowKind Kind, string Grid, double TimeMs, double Teff, double Tpeak, double OfPeak,
    double? AdjointOverForward, double? InCacheOfPeak = null, double? CpuDeviation = null)
{
    /// <summary>The name the table shows.</summary>
    public string Kernel => Kind switch
    {
        RowKind.Adjoint => Stencil + " adjoint",
        RowKind.Baseline => Stencil + ", g++ -O3 -fopenmp",
        _ => Stencil,
    };
}
