using System.Runtime.Intrinsics;

namespace Stencil.Tests;

/// <summary>
/// <see cref="LaneShift.Previous(Vector512{double}, Vector512{double})"/> and its overloads give a
/// value one point to the left: the last lane of the vector before, then all but the last lane of
/// this one, on the hardware's shuffles (AVX-512 <c>valignq</c>/<c>valignd</c>, AVX2
/// <c>vperm2i128</c> + <c>vpalignr</c>) and lane by lane.
/// </summary>
public sealed class LaneShiftTests
{
    private static T[] Expected<T>(T[] current, T[] before) => [before[^1], .. current[..^1]];

    private static (T[] Current, T[] Before) Lanes<T>(int count, Func<int, T> value)
        => (Enumerable.Range(0, count).Select(value).ToArray(), Enumerable.Range(100, count).Select(value).ToArray());

    [Fact]
    public void Previous_moves_the_lanes_one_point_to_the_right_for_every_width_and_type()
    {
        var (c8, b8) = Lanes(8, i => 1.5 + i);
        Check(LaneShift.Previous(Vector512.Create(c8), Vector512.Create(b8)), Expected(c8, b8));
        Check(LaneShift.Lanewise(Vector512.Create(c8), Vector512.Create(b8)), Expected(c8, b8));
        var (c4, b4) = Lanes(4, i => 1.5 + i);
        Check(LaneShift.Previous(Vector256.Create(c4), Vector256.Create(b4)), Expected(c4, b4));
        Check(LaneShift.Lanewise(Vector256.Create(c4), Vector256.Create(b4)), Expected(c4, b4));
        var (c16, b16) = Lanes(16, i => 0.25f + i);
        Check(LaneShift.Previous(Vector512.Create(c16), Vector512.Create(b16)), Expected(c16, b16));
        Check(LaneShift.Lanewise(Vector512.Create(c16), Vector512.Create(b16)), Expected(c16, b16));
        var (c8f, b8f) = Lanes(8, i => 0.25f + i);
        Check(LaneShift.Previous(Vector256.Create(c8f), Vector256.Create(b8f)), Expected(c8f, b8f));
        Check(LaneShift.Lanewise(Vector256.Create(c8f), Vector256.Create(b8f)), Expected(c8f, b8f));
    }

    private static void Check<T>(Vector512<T> actual, T[] expected) => Enumerable.Range(0, expected.Length).Select(i => actual.GetElement(i)).ToArray().ShouldBe(expected);

    private static void Check<T>(Vector256<T> actual, T[] expected) => Enumerable.Range(0, expected.Length).Select(i => actual.GetElement(i)).ToArray().ShouldBe(expected);
}
