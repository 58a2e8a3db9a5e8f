using System.Numerics;
using ILGPU;

namespace Stencil;

/// <summary>Pointwise field operations as ILGPU kernels, one thread per point.</summary>
internal static class IlgpuFieldOps
{
    public readonly record struct Args<T>(ArrayView<T> Y, ArrayView<T> A, ArrayView<T> B, T Scalar, int Op) where T : unmanaged;

    public static void Run<T>(IlgpuBackend backend, Elementwise op, ArrayView<T> y, ArrayView<T> a, ArrayView<T> b, T scalar) where T : unmanaged, INumber<T>
        => backend.RunAutoGrouped<Index1D, Args<T>>(Kernel, (int)y.Length, new Args<T>(y, a, b, scalar, (int)op));

    private static void Kernel<T>(Index1D i, Args<T> args) where T : unmanaged, INumber<T>
    {
        switch (args.Op)
        {
            case (int)Elementwise.Axpy:
                args.Y[i] += args.Scalar * args.A[i];
                break;
            case (int)Elementwise.SubtractProduct:
                args.Y[i] -= args.A[i] * args.B[i];
                break;
            case (int)Elementwise.SubtractProductWhereNonZero:
                if (args.A[i] != T.Zero) args.Y[i] -= args.A[i] * args.B[i];
                break;
            case (int)Elementwise.SubtractProductWhereNonZeroAndClear:
                if (args.A[i] != T.Zero) args.Y[i] -= args.A[i] * args.B[i];
                args.B[i] = T.Zero;
                break;
            case (int)Elementwise.Copy:
                args.Y[i] = args.A[i];
                break;
            case (int)Elementwise.Scale:
                args.Y[i] *= args.Scalar;
                break;
            case (int)Elementwise.Mask:
                if (args.A[i] == T.Zero) args.Y[i] = T.Zero;
                break;
            default:
                args.Y[i] = args.A[i] == args.A[i] ? T.One : T.Zero;
                break;
        }
    }
}
