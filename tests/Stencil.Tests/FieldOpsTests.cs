using System.Numerics;

namespace Stencil.Tests;

/// <summary>
/// The CPU field operations (256-bit vectors, then a scalar loop for the rest) against scalar host
/// loops, bit for bit: every operation, double and float, lengths that leave 0 to 7 points to the
/// scalar loop, one and two threads, with NaN, infinities and signed zeros among the values.
/// </summary>
public sealed class FieldOpsTests
{
    public static TheoryData<int, int> Lengths() => new() { { 1, 1 }, { 3, 1 }, { 37, 1 }, { 64, 1 }, { 1031, 2 }, { 20_003, 2 } };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Double_operations_match_scalar_loops_bit_for_bit(int n, int threads) => Check<double>(n, threads, BitConverter.DoubleToInt64Bits);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_operations_match_scalar_loops_bit_for_bit(int n, int threads) => Check<float>(n, threads, v => BitConverter.SingleToInt32Bits(v));

    private static void Check<T>(int n, int threads, Func<T, long> bits) where T : unmanaged, INumber<T>
    {
        // Two parts per launch where there are two threads (SerialPoints below n), so each part's
        // vectors start where the part does.
        using var backend = new CpuBackend(threads) { SerialPoints = 16 };
        var y = Values<T>(n, 1);
        var a = Values<T>(n, 2);
        var b = Values<T>(n, 3);
        T s = T.CreateTruncating(-0.37);

        void Expect(string what, Field<T> field, T[] expected)
        {
            var actual = field.ToArray();
            for (int i = 0; i < n; i++)
                if (bits(actual[i]) != bits(expected[i]))
                    throw new Xunit.Sdk.XunitException($"{what}, {typeof(T).Name}, n = {n}: point {i} is {actual[i]}, the scalar loop gives {expected[i]}.");
        }

        var uploaded = new List<Field<T>>();
        (Field<T> Y, Field<T> A, Field<T> B) Upload()
        {
            var fields = (Grid.Upload(backend, y, n), Grid.Upload(backend, a, n), Grid.Upload(backend, b, n));
            uploaded.AddRange([fields.Item1, fields.Item2, fields.Item3]);
            return fields;
        }

        var (Y, A, B) = Upload();
        FieldOps.Axpy(Y, double.CreateTruncating(s), A);
        Expect("Axpy", Y, y.Select((v, i) => v + s * a[i]).ToArray());

        (Y, A, B) = Upload();
        FieldOps.SubtractProduct(Y, A, B);
        Expect("SubtractProduct", Y, y.Select((v, i) => v - a[i] * b[i]).ToArray());

        (Y, A, B) = Upload();
        FieldOps.SubtractProductWhereNonZero(Y, A, B);
        Expect("SubtractProductWhereNonZero", Y, y.Select((v, i) => a[i] != T.Zero ? v - a[i] * b[i] : v).ToArray());

        (Y, A, B) = Upload();
        FieldOps.SubtractProductWhereNonZeroAndClear(Y, A, B);
        Expect("SubtractProductWhereNonZeroAndClear", Y, y.Select((v, i) => a[i] != T.Zero ? v - a[i] * b[i] : v).ToArray());
        Expect("SubtractProductWhereNonZeroAndClear (cleared)", B, new T[n]);

        (Y, A, B) = Upload();
        FieldOps.Scale(Y, double.CreateTruncating(s));
        Expect("Scale", Y, y.Select(v => v * s).ToArray());

        (Y, A, B) = Upload();
        FieldOps.Mask(Y, A);
        Expect("Mask", Y, y.Select((v, i) => a[i] != T.Zero ? v : T.Zero).ToArray());

        (Y, A, B) = Upload();
        FieldOps.Indicator(Y, A);
        Expect("Indicator", Y, a.Select(v => T.IsNaN(v) ? T.Zero : T.One).ToArray());

        (Y, A, B) = Upload();
        FieldOps.Copy(Y, A);
        Expect("Copy", Y, a);
        foreach (var field in uploaded) field.Dispose();
    }

    /// <summary>Random values with zeros of both signs, NaN and infinities at every few points.</summary>
    private static T[] Values<T>(int n, int seed) where T : unmanaged, INumber<T>
    {
        var random = new Random(seed);
        var special = new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-310 };
        return Enumerable.Range(0, n)
            .Select(i => T.CreateTruncating(random.Next(5) == 0 ? special[random.Next(special.Length)] : 4 * random.NextDouble() - 2))
            .ToArray();
    }
}
