using System.Runtime.CompilerServices;

namespace Stencil;

/// <summary>
/// Small integer powers for generated kernels: <c>Math.Pow(x, 3)</c> with a constant exponent is
/// emitted as <c>Cube(x)</c>, a few multiplications instead of a transcendental call (the result
/// may differ from <c>Math.Pow</c> in the last bit). Inlined on the CPU and by ILGPU.
/// </summary>
public static class StencilMath
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
}
