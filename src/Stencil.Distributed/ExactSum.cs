namespace Stencil.Distributed;

/// <summary>
/// An exact sum of doubles: every value is added, without rounding, to a fixed-point accumulator
/// that spans the whole double range (32-bit limbs held in 64-bit integers), and the total is
/// rounded once at the end. The result does not depend on the order of the additions, so it is
/// the same bits on any number of processes and threads; it is also the correctly rounded sum.
/// Accumulators of several processes combine by adding their limbs (an integer allreduce).
/// No maintained .NET package provides a reproducible sum; this is the classic long accumulator.
/// </summary>
internal sealed class ExactSum
{
    /// <summary>Limb k holds multiples of 2^(32 k − 1074); 2098 bits of range plus room for carries.</summary>
    public const int Limbs = 68;

    /// <summary>Entries after the limbs: counts of NaN, +∞ and −∞ terms.</summary>
    public const int Length = Limbs + 3;

    private const int NormaliseEvery = 1 << 30;
    private readonly long[] _values = new long[Length];
    private int _pending;

    /// <summary>The limbs and special counts, to combine across processes (normalised first).</summary>
    public long[] Values
    {
        get
        {
            Normalise();
            return _values;
        }
    }

    /// <summary>Starts a new sum.</summary>
    public void Clear()
    {
        Array.Clear(_values);
        _pending = 0;
    }

    /// <summary>Adds <paramref name="value"/> exactly.</summary>
    public void Add(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (exponent == 0x7FF)
        {
            _values[mantissa != 0 ? Limbs : bits < 0 ? Limbs + 2 : Limbs + 1]++;
            return;
        }
        if (mantissa == 0 && exponent == 0) return;
        int position = exponent == 0 ? 0 : exponent - 1;   // value = m · 2^(position − 1074)
        if (exponent != 0) mantissa |= 1L << 52;
        int limb = position >> 5;
        UInt128 shifted = (UInt128)(ulong)mantissa << (position & 31);
        long c0 = (long)(ulong)(shifted & 0xFFFF_FFFF), c1 = (long)(ulong)((shifted >> 32) & 0xFFFF_FFFF), c2 = (long)(ulong)(shifted >> 64);
        if (bits < 0)
        {
            _values[limb] -= c0;
            _values[limb + 1] -= c1;
            _values[limb + 2] -= c2;
        }
        else
        {
            _values[limb] += c0;
            _values[limb + 1] += c1;
            _values[limb + 2] += c2;
        }
        if (++_pending == NormaliseEvery) Normalise();
    }

    /// <summary>Adds the limbs of another accumulator (or of a combined one).</summary>
    public void Add(ReadOnlySpan<long> values)
    {
        Normalise();
        for (int k = 0; k < Length; k++) _values[k] += values[k];
    }

    /// <summary>The total, rounded once to the nearest double (NaN if a term was NaN or +∞ met −∞).</summary>
    public double Result()
    {
        long nan = _values[Limbs], plus = _values[Limbs + 1], minus = _values[Limbs + 2];
        if (nan > 0 || (plus > 0 && minus > 0)) return double.NaN;
        if (plus > 0) return double.PositiveInfinity;
        if (minus > 0) return double.NegativeInfinity;
        var limbs = new long[Limbs];
        Array.Copy(_values, limbs, Limbs);
        Carry(limbs);
        int top = Limbs - 1;
        while (top >= 0 && limbs[top] == 0) top--;
        if (top < 0) return 0;
        bool negative = limbs[top] < 0;
        if (negative)
        {
            for (int k = 0; k < Limbs; k++) limbs[k] = -limbs[k];
            Carry(limbs);
            while (limbs[top] == 0) top--;
        }
        // The top three limbs (up to 96 bits) hold the leading bits; the rest only decides rounding.
        UInt128 leading = 0;
        bool sticky = false;
        int lowest = Math.Max(top - 2, 0);
        for (int k = top; k >= lowest; k--) leading = (leading << 32) | (ulong)limbs[k];
        for (int k = 0; k < lowest; k++) sticky |= limbs[k] != 0;
        int scale = 32 * lowest - 1074;
        int bitsUsed = 128 - (int)UInt128.LeadingZeroCount(leading);
        if (bitsUsed > 62)
        {
            int drop = bitsUsed - 62;
            sticky |= (leading & ((UInt128.One << drop) - 1)) != 0;
            leading >>= drop;
            scale += drop;
        }
        // 62 significant bits and a sticky bit below them round to 53 bits exactly as the full sum would.
        long significand = (long)(ulong)leading | (sticky ? 1L : 0L);
        double magnitude = Math.ScaleB(significand, scale);
        return negative ? -magnitude : magnitude;
    }

    private void Normalise()
    {
        var limbs = _values.AsSpan(0, Limbs);
        Carry(limbs);
        _pending = 0;
    }

    /// <summary>Moves carries up so that every limb but the top one lies in [0, 2^32).</summary>
    private static void Carry(Span<long> limbs)
    {
        for (int k = 0; k < limbs.Length - 1; k++)
        {
            long carry = limbs[k] >> 32;   // arithmetic shift: floor division, so the remainder is non-negative
            limbs[k] -= carry << 32;
            limbs[k + 1] += carry;
        }
    }
}
