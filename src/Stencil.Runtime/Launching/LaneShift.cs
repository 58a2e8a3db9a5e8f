using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Stencil.CompilerServices;

/// <summary>
/// A value one point to the left, from the vector before: in a SIMD x loop that computes a value
/// <c>a</c> at the points [x, x + W), <c>Previous(a, aBefore)</c> is <c>a</c> at [x - 1, x + W - 1),
/// i.e. the last lane of the previous iteration's vector followed by all but the last lane of this
/// one. Generated loops use it for a local whose value is another local's at x - 1 (the west face
/// flux of a flux-form residual is the east face flux of the point before; see the generator's
/// <c>CarriedBindings</c>): one shuffle instead of recomputing the value. Lanes are moved, not
/// computed, so the results are the scalar loop's bit for bit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneShift
{
    /// <summary>[before[7], current[0..6]]: <c>valignq</c> on AVX-512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Previous(Vector512<double> current, Vector512<double> before)
        => Avx512F.IsSupported ? Avx512F.AlignRight64(current.AsUInt64(), before.AsUInt64(), 7).AsDouble() : Lanewise(current, before);

    /// <summary>[before[15], current[0..14]]: <c>valignd</c> on AVX-512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Previous(Vector512<float> current, Vector512<float> before)
        => Avx512F.IsSupported ? Avx512F.AlignRight32(current.AsUInt32(), before.AsUInt32(), 15).AsSingle() : Lanewise(current, before);

    /// <summary>
    /// [before[3], current[0..2]]: two shuffles on AVX2. <c>vpalignr</c> shifts within each 128-bit
    /// half, so its second operand is the pair of halves that come before current's (<c>vperm2i128</c>:
    /// before's upper half, then current's lower half); the shift is 16 bytes less one lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Previous(Vector256<double> current, Vector256<double> before)
        => Avx2.IsSupported
            ? Avx2.AlignRight(current.AsByte(), Avx2.Permute2x128(before.AsByte(), current.AsByte(), 0x21), 16 - sizeof(double)).AsDouble()
            : Lanewise(current, before);

    /// <summary>[before[7], current[0..6]]: two shuffles on AVX2, as for doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Previous(Vector256<float> current, Vector256<float> before)
        => Avx2.IsSupported
            ? Avx2.AlignRight(current.AsByte(), Avx2.Permute2x128(before.AsByte(), current.AsByte(), 0x21), 16 - sizeof(float)).AsSingle()
            : Lanewise(current, before);

    /// <summary>The same lanes, one by one, where the hardware has no shuffle for it.</summary>
    internal static Vector512<T> Lanewise<T>(Vector512<T> current, Vector512<T> before)
    {
        var lanes = new T[Vector512<T>.Count];
        lanes[0] = before.GetElement(lanes.Length - 1);
        for (int i = 1; i < lanes.Length; i++) lanes[i] = current.GetElement(i - 1);
        return Vector512.Create(lanes);
    }

    /// <summary>The same lanes, one by one, where the hardware has no shuffle for it.</summary>
    internal static Vector256<T> Lanewise<T>(Vector256<T> current, Vector256<T> before)
    {
        var lanes = new T[Vector256<T>.Count];
        lanes[0] = before.GetElement(lanes.Length - 1);
        for (int i = 1; i < lanes.Length; i++) lanes[i] = current.GetElement(i - 1);
        return Vector256.Create(lanes);
    }
}
