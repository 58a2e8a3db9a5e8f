using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Stencil.CompilerServices;

/// <summary>
/// Small integer powers for generated kernels: <c>Math.Pow(x, 3)</c> with a constant exponent is
/// emitted as <c>Cube(x)</c>, a few multiplications instead of a transcendental call (the result
/// may differ from <c>Math.Pow</c> in the last bit). Inlined on the CPU and by ILGPU. The vector
/// forms do the same multiplications lane by lane, and <c>Lanes</c> applies a System.Math function
/// to each lane, so SIMD loops give the scalar loop's results bit for bit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class StencilMath
{
    /// <summary>x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Square(double x) => x * x;

    /// <summary>x³.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cube(double x) => x * x * x;

    /// <summary>x⁴.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fourth(double x)
    {
        double s = x * x;
        return s * s;
    }

    /// <summary>x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Square(float x) => x * x;

    /// <summary>x³.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Cube(float x) => x * x * x;

    /// <summary>x⁴.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fourth(float x)
    {
        float s = x * x;
        return s * s;
    }

    /// <summary>x² lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Square<T>(Vector256<T> x) => x * x;

    /// <summary>x³ lane by lane, multiplied in the scalar form's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cube<T>(Vector256<T> x) => x * x * x;

    /// <summary>x⁴ lane by lane, as (x²)².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fourth<T>(Vector256<T> x)
    {
        var s = x * x;
        return s * s;
    }

    /// <summary>f applied to each lane.</summary>
    public static Vector256<double> Lanes(Vector256<double> x, delegate*<double, double> f)
        => Vector256.Create(f(x.GetElement(0)), f(x.GetElement(1)), f(x.GetElement(2)), f(x.GetElement(3)));

    /// <summary>f applied to each pair of lanes.</summary>
    public static Vector256<double> Lanes(Vector256<double> x, Vector256<double> y, delegate*<double, double, double> f)
        => Vector256.Create(f(x.GetElement(0), y.GetElement(0)), f(x.GetElement(1), y.GetElement(1)), f(x.GetElement(2), y.GetElement(2)), f(x.GetElement(3), y.GetElement(3)));

    /// <summary>f applied to each lane.</summary>
    public static Vector256<float> Lanes(Vector256<float> x, delegate*<float, float> f)
    {
        var lanes = stackalloc float[8];
        for (int i = 0; i < 8; i++) lanes[i] = f(x.GetElement(i));
        return Vector256.Load(lanes);
    }

    /// <summary>f applied to each pair of lanes.</summary>
    public static Vector256<float> Lanes(Vector256<float> x, Vector256<float> y, delegate*<float, float, float> f)
    {
        var lanes = stackalloc float[8];
        for (int i = 0; i < 8; i++) lanes[i] = f(x.GetElement(i), y.GetElement(i));
        return Vector256.Load(lanes);
    }

    /// <summary>x² lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Square<T>(Vector512<T> x) => x * x;

    /// <summary>x³ lane by lane, multiplied in the scalar form's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cube<T>(Vector512<T> x) => x * x * x;

    /// <summary>x⁴ lane by lane, as (x²)².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fourth<T>(Vector512<T> x)
    {
        var s = x * x;
        return s * s;
    }

    /// <summary>f applied to each lane.</summary>
    public static Vector512<double> Lanes(Vector512<double> x, delegate*<double, double> f)
    {
        var lanes = stackalloc double[8];
        for (int i = 0; i < 8; i++) lanes[i] = f(x.GetElement(i));
        return Vector512.Load(lanes);
    }

    /// <summary>f applied to each pair of lanes.</summary>
    public static Vector512<double> Lanes(Vector512<double> x, Vector512<double> y, delegate*<double, double, double> f)
    {
        var lanes = stackalloc double[8];
        for (int i = 0; i < 8; i++) lanes[i] = f(x.GetElement(i), y.GetElement(i));
        return Vector512.Load(lanes);
    }

    /// <summary>f applied to each lane.</summary>
    public static Vector512<float> Lanes(Vector512<float> x, delegate*<float, float> f)
    {
        var lanes = stackalloc float[16];
        for (int i = 0; i < 16; i++) lanes[i] = f(x.GetElement(i));
        return Vector512.Load(lanes);
    }

    /// <summary>f applied to each pair of lanes.</summary>
    public static Vector512<float> Lanes(Vector512<float> x, Vector512<float> y, delegate*<float, float, float> f)
    {
        var lanes = stackalloc float[16];
        for (int i = 0; i < 16; i++) lanes[i] = f(x.GetElement(i), y.GetElement(i));
        return Vector512.Load(lanes);
    }
}
