using System.Numerics;
using Stencil.Distributed;

namespace Stencil.Tests.Distributed;

/// <summary>The exact sum behind the reproducible reductions, against an exact rational reference.</summary>
public sealed class ExactSumTests
{
    /// <summary>The exact sum as a BigInteger count of 2^-1074, then rounded to the nearest double by BigInteger arithmetic.</summary>
    private static double Reference(IEnumerable<double> values)
    {
        BigInteger total = 0;
        foreach (var v in values)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            int exponent = (int)((bits >> 52) & 0x7FF);
            long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
            if (exponent != 0) mantissa |= 1L << 52;
            var term = new BigInteger(mantissa) << Math.Max(exponent - 1, 0);
            total += bits < 0 ? -term : term;
        }
        if (total.IsZero) return 0;
        bool negative = total.Sign < 0;
        var magnitude = BigInteger.Abs(total);
        long length = (long)magnitude.GetBitLength();
        int shift = (int)Math.Max(0, length - 53);
        var top = magnitude >> shift;
        var rest = magnitude - (top << shift);
        if (shift > 0)
        {
            var half = BigInteger.One << (shift - 1);
            if (rest > half || (rest == half && !top.IsEven)) top += 1;   // round half to even
        }
        double result = Math.ScaleB((double)top, shift - 1074);
        return negative ? -result : result;
    }

    private static double Sum(IEnumerable<double> values)
    {
        var sum = new ExactSum();
        foreach (var v in values) sum.Add(v);
        return sum.Result();
    }

    [Fact]
    public void Sums_are_correctly_rounded_and_independent_of_order()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 300);
            var values = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-60, 60))).ToArray();
            if (trial % 3 == 0) values = [.. values, 1e300, -1e300, 5e-324, -2.5e-310];   // cancellation, subnormals
            double expected = Reference(values);
            Sum(values).ShouldBe(expected);
            Sum(values.Reverse()).ShouldBe(expected);
            Sum(values.OrderBy(_ => random.Next())).ShouldBe(expected);
        }
    }

    [Fact]
    public void Catastrophic_cancellation_keeps_every_bit()
    {
        Sum([1e16, 1, -1e16]).ShouldBe(1);              // a naive sum gives 0
        Sum([1, 1e100, 1, -1e100]).ShouldBe(2);
        Sum([double.MaxValue, double.MaxValue, -double.MaxValue]).ShouldBe(double.MaxValue);
    }

    [Fact]
    public void Partial_sums_combine_like_one_sum()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 1000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-20, 20)) * (random.Next(2) * 2 - 1)).ToArray();
        // Three "processes" with their own accumulators, combined by adding limbs (what the allreduce does).
        var parts = new[] { new ExactSum(), new ExactSum(), new ExactSum() };
        for (int i = 0; i < values.Length; i++) parts[i % 3].Add(values[i]);
        var total = new ExactSum();
        foreach (var p in parts) total.Add(p.Values);
        total.Result().ShouldBe(Sum(values));
        total.Result().ShouldBe(Reference(values));
    }

    [Fact]
    public void Special_values_follow_IEEE_sums()
    {
        Sum([1, double.NaN]).ShouldBe(double.NaN);
        Sum([1, double.PositiveInfinity]).ShouldBe(double.PositiveInfinity);
        Sum([double.NegativeInfinity, 2]).ShouldBe(double.NegativeInfinity);
        Sum([double.PositiveInfinity, double.NegativeInfinity]).ShouldBe(double.NaN);
        Sum([]).ShouldBe(0);
        Sum([-3.5]).ShouldBe(-3.5);
    }
}
