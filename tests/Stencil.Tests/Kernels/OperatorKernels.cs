// Test data: every FiniteDifferences operator as a one-statement kernel, and its reference
// formula written point by point as in ParallelStencil's FiniteDifferences.jl (0-based).
using Stencil;

namespace Stencil.Tests.Kernels;

public static partial class Operators1D
{
    [Stencil] static void OpAll(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.All(A); }
    [Stencil] static void OpInn(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.Inn(A); }
    [Stencil] static void OpD(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.D(A); }
    [Stencil] static void OpD2(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.D2(A); }
    [Stencil] static void OpAv(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.Av(A); }
    [Stencil] static void OpHarm(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.Harm(A); }
    [Stencil] static void OpMaxLoc(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.MaxLoc(A); }
    [Stencil] static void OpMinLoc(Field<double> R, Field<double> A) { FiniteDifferences1D.All(R) = FiniteDifferences1D.MinLoc(A); }

    public static readonly OperatorCase[] Cases =
    [
        new("All", 1, "-", OpAll, OpAllKernel, (A, ix, iy, iz) => A(ix, 0, 0)),
        new("Inn", 1, "i", OpInn, OpInnKernel, (A, ix, iy, iz) => A(ix + 1, 0, 0)),
        new("D", 1, "a", OpD, OpDKernel, (A, ix, iy, iz) => A(ix + 1, 0, 0) - A(ix, 0, 0)),
        new("D2", 1, "c", OpD2, OpD2Kernel, (A, ix, iy, iz) => A(ix + 2, 0, 0) - 2 * A(ix + 1, 0, 0) + A(ix, 0, 0)),
        new("Av", 1, "a", OpAv, OpAvKernel, (A, ix, iy, iz) => (A(ix, 0, 0) + A(ix + 1, 0, 0)) / 2.0),
        new("Harm", 1, "a", OpHarm, OpHarmKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, 0, 0) + 1.0 / A(ix + 1, 0, 0))),
        new("MaxLoc", 1, "c", OpMaxLoc, OpMaxLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, 0, 0), A(ix, 0, 0), A(ix + 2, 0, 0) }.Max()),
        new("MinLoc", 1, "c", OpMinLoc, OpMinLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, 0, 0), A(ix, 0, 0), A(ix + 2, 0, 0) }.Min()),
    ];
}

public static partial class Operators2D
{
    [Stencil] static void OpAll(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.All(A); }
    [Stencil] static void OpInn(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.Inn(A); }
    [Stencil] static void OpInnX(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.InnX(A); }
    [Stencil] static void OpInnY(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.InnY(A); }
    [Stencil] static void OpDXa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.DXa(A); }
    [Stencil] static void OpDYa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.DYa(A); }
    [Stencil] static void OpDXi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.DXi(A); }
    [Stencil] static void OpDYi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.DYi(A); }
    [Stencil] static void OpD2Xa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.D2Xa(A); }
    [Stencil] static void OpD2Ya(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.D2Ya(A); }
    [Stencil] static void OpD2Xi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.D2Xi(A); }
    [Stencil] static void OpD2Yi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.D2Yi(A); }
    [Stencil] static void OpAv(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.Av(A); }
    [Stencil] static void OpAvXa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.AvXa(A); }
    [Stencil] static void OpAvYa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.AvYa(A); }
    [Stencil] static void OpAvXi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.AvXi(A); }
    [Stencil] static void OpAvYi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.AvYi(A); }
    [Stencil] static void OpHarm(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.Harm(A); }
    [Stencil] static void OpHarmXa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.HarmXa(A); }
    [Stencil] static void OpHarmYa(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.HarmYa(A); }
    [Stencil] static void OpHarmXi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.HarmXi(A); }
    [Stencil] static void OpHarmYi(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.HarmYi(A); }
    [Stencil] static void OpMaxLoc(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.MaxLoc(A); }
    [Stencil] static void OpMinLoc(Field<double> R, Field<double> A) { FiniteDifferences2D.All(R) = FiniteDifferences2D.MinLoc(A); }

    public static readonly OperatorCase[] Cases =
    [
        new("All", 2, "--", OpAll, OpAllKernel, (A, ix, iy, iz) => A(ix, iy, 0)),
        new("Inn", 2, "ii", OpInn, OpInnKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, 0)),
        new("InnX", 2, "i-", OpInnX, OpInnXKernel, (A, ix, iy, iz) => A(ix + 1, iy, 0)),
        new("InnY", 2, "-i", OpInnY, OpInnYKernel, (A, ix, iy, iz) => A(ix, iy + 1, 0)),
        new("DXa", 2, "a-", OpDXa, OpDXaKernel, (A, ix, iy, iz) => A(ix + 1, iy, 0) - A(ix, iy, 0)),
        new("DYa", 2, "-a", OpDYa, OpDYaKernel, (A, ix, iy, iz) => A(ix, iy + 1, 0) - A(ix, iy, 0)),
        new("DXi", 2, "ai", OpDXi, OpDXiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, 0) - A(ix, iy + 1, 0)),
        new("DYi", 2, "ia", OpDYi, OpDYiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, 0) - A(ix + 1, iy, 0)),
        new("D2Xa", 2, "c-", OpD2Xa, OpD2XaKernel, (A, ix, iy, iz) => A(ix + 2, iy, 0) - 2 * A(ix + 1, iy, 0) + A(ix, iy, 0)),
        new("D2Ya", 2, "-c", OpD2Ya, OpD2YaKernel, (A, ix, iy, iz) => A(ix, iy + 2, 0) - 2 * A(ix, iy + 1, 0) + A(ix, iy, 0)),
        new("D2Xi", 2, "ci", OpD2Xi, OpD2XiKernel, (A, ix, iy, iz) => A(ix + 2, iy + 1, 0) - 2 * A(ix + 1, iy + 1, 0) + A(ix, iy + 1, 0)),
        new("D2Yi", 2, "ic", OpD2Yi, OpD2YiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 2, 0) - 2 * A(ix + 1, iy + 1, 0) + A(ix + 1, iy, 0)),
        new("Av", 2, "aa", OpAv, OpAvKernel, (A, ix, iy, iz) => (A(ix, iy, 0) + A(ix, iy + 1, 0) + A(ix + 1, iy, 0) + A(ix + 1, iy + 1, 0)) / 4.0),
        new("AvXa", 2, "a-", OpAvXa, OpAvXaKernel, (A, ix, iy, iz) => (A(ix, iy, 0) + A(ix + 1, iy, 0)) / 2.0),
        new("AvYa", 2, "-a", OpAvYa, OpAvYaKernel, (A, ix, iy, iz) => (A(ix, iy, 0) + A(ix, iy + 1, 0)) / 2.0),
        new("AvXi", 2, "ai", OpAvXi, OpAvXiKernel, (A, ix, iy, iz) => (A(ix, iy + 1, 0) + A(ix + 1, iy + 1, 0)) / 2.0),
        new("AvYi", 2, "ia", OpAvYi, OpAvYiKernel, (A, ix, iy, iz) => (A(ix + 1, iy, 0) + A(ix + 1, iy + 1, 0)) / 2.0),
        new("Harm", 2, "aa", OpHarm, OpHarmKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy, 0) + 1.0 / A(ix, iy + 1, 0) + 1.0 / A(ix + 1, iy, 0) + 1.0 / A(ix + 1, iy + 1, 0))),
        new("HarmXa", 2, "a-", OpHarmXa, OpHarmXaKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy, 0) + 1.0 / A(ix + 1, iy, 0))),
        new("HarmYa", 2, "-a", OpHarmYa, OpHarmYaKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy, 0) + 1.0 / A(ix, iy + 1, 0))),
        new("HarmXi", 2, "ai", OpHarmXi, OpHarmXiKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy + 1, 0) + 1.0 / A(ix + 1, iy + 1, 0))),
        new("HarmYi", 2, "ia", OpHarmYi, OpHarmYiKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix + 1, iy, 0) + 1.0 / A(ix + 1, iy + 1, 0))),
        new("MaxLoc", 2, "cc", OpMaxLoc, OpMaxLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, iy + 1, 0), A(ix, iy + 1, 0), A(ix + 2, iy + 1, 0), A(ix + 1, iy, 0), A(ix + 1, iy + 2, 0) }.Max()),
        new("MinLoc", 2, "cc", OpMinLoc, OpMinLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, iy + 1, 0), A(ix, iy + 1, 0), A(ix + 2, iy + 1, 0), A(ix + 1, iy, 0), A(ix + 1, iy + 2, 0) }.Min()),
    ];
}

public static partial class Operators3D
{
    [Stencil] static void OpAll(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.All(A); }
    [Stencil] static void OpInn(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.Inn(A); }
    [Stencil] static void OpInnX(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnX(A); }
    [Stencil] static void OpInnY(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnY(A); }
    [Stencil] static void OpInnZ(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnZ(A); }
    [Stencil] static void OpInnXY(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnXY(A); }
    [Stencil] static void OpInnXZ(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnXZ(A); }
    [Stencil] static void OpInnYZ(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.InnYZ(A); }
    [Stencil] static void OpDXa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DXa(A); }
    [Stencil] static void OpDYa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DYa(A); }
    [Stencil] static void OpDZa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DZa(A); }
    [Stencil] static void OpDXi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DXi(A); }
    [Stencil] static void OpDYi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DYi(A); }
    [Stencil] static void OpDZi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.DZi(A); }
    [Stencil] static void OpD2Xi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.D2Xi(A); }
    [Stencil] static void OpD2Yi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.D2Yi(A); }
    [Stencil] static void OpD2Zi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.D2Zi(A); }
    [Stencil] static void OpAv(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.Av(A); }
    [Stencil] static void OpAvXa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXa(A); }
    [Stencil] static void OpAvYa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvYa(A); }
    [Stencil] static void OpAvZa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvZa(A); }
    [Stencil] static void OpAvXi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXi(A); }
    [Stencil] static void OpAvYi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvYi(A); }
    [Stencil] static void OpAvZi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvZi(A); }
    [Stencil] static void OpAvXya(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXya(A); }
    [Stencil] static void OpAvXza(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXza(A); }
    [Stencil] static void OpAvYza(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvYza(A); }
    [Stencil] static void OpAvXyi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXyi(A); }
    [Stencil] static void OpAvXzi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvXzi(A); }
    [Stencil] static void OpAvYzi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.AvYzi(A); }
    [Stencil] static void OpHarm(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.Harm(A); }
    [Stencil] static void OpHarmXa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXa(A); }
    [Stencil] static void OpHarmYa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmYa(A); }
    [Stencil] static void OpHarmZa(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmZa(A); }
    [Stencil] static void OpHarmXi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXi(A); }
    [Stencil] static void OpHarmYi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmYi(A); }
    [Stencil] static void OpHarmZi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmZi(A); }
    [Stencil] static void OpHarmXya(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXya(A); }
    [Stencil] static void OpHarmXza(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXza(A); }
    [Stencil] static void OpHarmYza(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmYza(A); }
    [Stencil] static void OpHarmXyi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXyi(A); }
    [Stencil] static void OpHarmXzi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmXzi(A); }
    [Stencil] static void OpHarmYzi(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.HarmYzi(A); }
    [Stencil] static void OpMaxLoc(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.MaxLoc(A); }
    [Stencil] static void OpMinLoc(Field<double> R, Field<double> A) { FiniteDifferences3D.All(R) = FiniteDifferences3D.MinLoc(A); }

    public static readonly OperatorCase[] Cases =
    [
        new("All", 3, "---", OpAll, OpAllKernel, (A, ix, iy, iz) => A(ix, iy, iz)),
        new("Inn", 3, "iii", OpInn, OpInnKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz + 1)),
        new("InnX", 3, "i--", OpInnX, OpInnXKernel, (A, ix, iy, iz) => A(ix + 1, iy, iz)),
        new("InnY", 3, "-i-", OpInnY, OpInnYKernel, (A, ix, iy, iz) => A(ix, iy + 1, iz)),
        new("InnZ", 3, "--i", OpInnZ, OpInnZKernel, (A, ix, iy, iz) => A(ix, iy, iz + 1)),
        new("InnXY", 3, "ii-", OpInnXY, OpInnXYKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz)),
        new("InnXZ", 3, "i-i", OpInnXZ, OpInnXZKernel, (A, ix, iy, iz) => A(ix + 1, iy, iz + 1)),
        new("InnYZ", 3, "-ii", OpInnYZ, OpInnYZKernel, (A, ix, iy, iz) => A(ix, iy + 1, iz + 1)),
        new("DXa", 3, "a--", OpDXa, OpDXaKernel, (A, ix, iy, iz) => A(ix + 1, iy, iz) - A(ix, iy, iz)),
        new("DYa", 3, "-a-", OpDYa, OpDYaKernel, (A, ix, iy, iz) => A(ix, iy + 1, iz) - A(ix, iy, iz)),
        new("DZa", 3, "--a", OpDZa, OpDZaKernel, (A, ix, iy, iz) => A(ix, iy, iz + 1) - A(ix, iy, iz)),
        new("DXi", 3, "aii", OpDXi, OpDXiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz + 1) - A(ix, iy + 1, iz + 1)),
        new("DYi", 3, "iai", OpDYi, OpDYiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz + 1) - A(ix + 1, iy, iz + 1)),
        new("DZi", 3, "iia", OpDZi, OpDZiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz + 1) - A(ix + 1, iy + 1, iz)),
        new("D2Xi", 3, "cii", OpD2Xi, OpD2XiKernel, (A, ix, iy, iz) => A(ix + 2, iy + 1, iz + 1) - 2 * A(ix + 1, iy + 1, iz + 1) + A(ix, iy + 1, iz + 1)),
        new("D2Yi", 3, "ici", OpD2Yi, OpD2YiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 2, iz + 1) - 2 * A(ix + 1, iy + 1, iz + 1) + A(ix + 1, iy, iz + 1)),
        new("D2Zi", 3, "iic", OpD2Zi, OpD2ZiKernel, (A, ix, iy, iz) => A(ix + 1, iy + 1, iz + 2) - 2 * A(ix + 1, iy + 1, iz + 1) + A(ix + 1, iy + 1, iz)),
        new("Av", 3, "aaa", OpAv, OpAvKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy, iz + 1) + A(ix, iy + 1, iz) + A(ix, iy + 1, iz + 1) + A(ix + 1, iy, iz) + A(ix + 1, iy, iz + 1) + A(ix + 1, iy + 1, iz) + A(ix + 1, iy + 1, iz + 1)) / 8.0),
        new("AvXa", 3, "a--", OpAvXa, OpAvXaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix + 1, iy, iz)) / 2.0),
        new("AvYa", 3, "-a-", OpAvYa, OpAvYaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy + 1, iz)) / 2.0),
        new("AvZa", 3, "--a", OpAvZa, OpAvZaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy, iz + 1)) / 2.0),
        new("AvXi", 3, "aii", OpAvXi, OpAvXiKernel, (A, ix, iy, iz) => (A(ix, iy + 1, iz + 1) + A(ix + 1, iy + 1, iz + 1)) / 2.0),
        new("AvYi", 3, "iai", OpAvYi, OpAvYiKernel, (A, ix, iy, iz) => (A(ix + 1, iy, iz + 1) + A(ix + 1, iy + 1, iz + 1)) / 2.0),
        new("AvZi", 3, "iia", OpAvZi, OpAvZiKernel, (A, ix, iy, iz) => (A(ix + 1, iy + 1, iz) + A(ix + 1, iy + 1, iz + 1)) / 2.0),
        new("AvXya", 3, "aa-", OpAvXya, OpAvXyaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy + 1, iz) + A(ix + 1, iy, iz) + A(ix + 1, iy + 1, iz)) / 4.0),
        new("AvXza", 3, "a-a", OpAvXza, OpAvXzaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy, iz + 1) + A(ix + 1, iy, iz) + A(ix + 1, iy, iz + 1)) / 4.0),
        new("AvYza", 3, "-aa", OpAvYza, OpAvYzaKernel, (A, ix, iy, iz) => (A(ix, iy, iz) + A(ix, iy, iz + 1) + A(ix, iy + 1, iz) + A(ix, iy + 1, iz + 1)) / 4.0),
        new("AvXyi", 3, "aai", OpAvXyi, OpAvXyiKernel, (A, ix, iy, iz) => (A(ix, iy, iz + 1) + A(ix, iy + 1, iz + 1) + A(ix + 1, iy, iz + 1) + A(ix + 1, iy + 1, iz + 1)) / 4.0),
        new("AvXzi", 3, "aia", OpAvXzi, OpAvXziKernel, (A, ix, iy, iz) => (A(ix, iy + 1, iz) + A(ix, iy + 1, iz + 1) + A(ix + 1, iy + 1, iz) + A(ix + 1, iy + 1, iz + 1)) / 4.0),
        new("AvYzi", 3, "iaa", OpAvYzi, OpAvYziKernel, (A, ix, iy, iz) => (A(ix + 1, iy, iz) + A(ix + 1, iy, iz + 1) + A(ix + 1, iy + 1, iz) + A(ix + 1, iy + 1, iz + 1)) / 4.0),
        new("Harm", 3, "aaa", OpHarm, OpHarmKernel, (A, ix, iy, iz) => 8.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy, iz + 1) + 1.0 / A(ix, iy + 1, iz) + 1.0 / A(ix, iy + 1, iz + 1) + 1.0 / A(ix + 1, iy, iz) + 1.0 / A(ix + 1, iy, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmXa", 3, "a--", OpHarmXa, OpHarmXaKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix + 1, iy, iz))),
        new("HarmYa", 3, "-a-", OpHarmYa, OpHarmYaKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy + 1, iz))),
        new("HarmZa", 3, "--a", OpHarmZa, OpHarmZaKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy, iz + 1))),
        new("HarmXi", 3, "aii", OpHarmXi, OpHarmXiKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix, iy + 1, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmYi", 3, "iai", OpHarmYi, OpHarmYiKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix + 1, iy, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmZi", 3, "iia", OpHarmZi, OpHarmZiKernel, (A, ix, iy, iz) => 2.0 / (1.0 / A(ix + 1, iy + 1, iz) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmXya", 3, "aa-", OpHarmXya, OpHarmXyaKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy + 1, iz) + 1.0 / A(ix + 1, iy, iz) + 1.0 / A(ix + 1, iy + 1, iz))),
        new("HarmXza", 3, "a-a", OpHarmXza, OpHarmXzaKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy, iz + 1) + 1.0 / A(ix + 1, iy, iz) + 1.0 / A(ix + 1, iy, iz + 1))),
        new("HarmYza", 3, "-aa", OpHarmYza, OpHarmYzaKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy, iz) + 1.0 / A(ix, iy, iz + 1) + 1.0 / A(ix, iy + 1, iz) + 1.0 / A(ix, iy + 1, iz + 1))),
        new("HarmXyi", 3, "aai", OpHarmXyi, OpHarmXyiKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy, iz + 1) + 1.0 / A(ix, iy + 1, iz + 1) + 1.0 / A(ix + 1, iy, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmXzi", 3, "aia", OpHarmXzi, OpHarmXziKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix, iy + 1, iz) + 1.0 / A(ix, iy + 1, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("HarmYzi", 3, "iaa", OpHarmYzi, OpHarmYziKernel, (A, ix, iy, iz) => 4.0 / (1.0 / A(ix + 1, iy, iz) + 1.0 / A(ix + 1, iy, iz + 1) + 1.0 / A(ix + 1, iy + 1, iz) + 1.0 / A(ix + 1, iy + 1, iz + 1))),
        new("MaxLoc", 3, "ccc", OpMaxLoc, OpMaxLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, iy + 1, iz + 1), A(ix, iy + 1, iz + 1), A(ix + 2, iy + 1, iz + 1), A(ix + 1, iy, iz + 1), A(ix + 1, iy + 2, iz + 1), A(ix + 1, iy + 1, iz), A(ix + 1, iy + 1, iz + 2) }.Max()),
        new("MinLoc", 3, "ccc", OpMinLoc, OpMinLocKernel, (A, ix, iy, iz) => new[] { A(ix + 1, iy + 1, iz + 1), A(ix, iy + 1, iz + 1), A(ix + 2, iy + 1, iz + 1), A(ix + 1, iy, iz + 1), A(ix + 1, iy + 2, iz + 1), A(ix + 1, iy + 1, iz), A(ix + 1, iy + 1, iz + 2) }.Min()),
    ];
}
