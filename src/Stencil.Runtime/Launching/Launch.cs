using System.ComponentModel;

namespace Stencil.CompilerServices;

/// <summary>Checks and conversions used by generated launchers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Launch
{
    /// <summary>Points per work item of a 1D CPU kernel.</summary>
    public const int Chunk1D = 4096;

    /// <summary>Throws if the backend is missing or of an unknown kind.</summary>
    public static void CheckBackend(Backend backend, string kernel)
    {
        if (backend is null)
            throw new ArgumentNullException(nameof(backend), $"{kernel}: pass the backend to run on, e.g. Backends.Cpu().");
        if (backend is not CpuBackend and not IlgpuBackend)
            throw new NotSupportedException($"{kernel}: backend '{backend.Name}' ({backend.GetType().Name}) is not one the generated kernels can run on; use Backends.Cpu(), Backends.Cuda(), Backends.OpenCL() or Backends.IlgpuCpu().");
        if (backend.IsDisposed)
            throw new ObjectDisposedException(backend.Name, $"{kernel}: backend '{backend.Name}' has been disposed.");
    }

    /// <summary>Throws if a field is missing, lives on another backend or has the wrong number of dimensions.</summary>
    public static void CheckField<T>(Backend backend, Field<T> field, string name, int rank, string kernel) where T : unmanaged
    {
        if (field is null)
            throw new ArgumentNullException(name, $"{kernel}: field '{name}' is null.");
        if (!ReferenceEquals(field.Backend, backend))
            throw new ArgumentException($"{kernel}: field '{name}' lives on backend '{field.Backend.Name}' but the kernel runs on '{backend.Name}'; allocate it on the same backend, or copy it through the host.", name);
        if (field.Rank != rank)
            throw new ArgumentException($"{kernel}: field '{name}' is {field.Rank}D ({field.ShapeText}) but the kernel is {rank}D.", name);
        if (field.IsDisposed)
            throw new ObjectDisposedException(name, $"{kernel}: field '{name}' has been disposed.");
    }

    /// <summary>
    /// Throws if a field the kernel writes is passed again for another parameter: points would read
    /// values other points are writing, and the result would depend on thread order.
    /// </summary>
    public static void CheckNotAliased<T>(Field<T> written, string writtenName, Field<T> other, string otherName, string kernel) where T : unmanaged
    {
        if (ReferenceEquals(written, other))
            throw new ArgumentException($"{kernel}: the same field is passed as '{writtenName}', which the kernel writes, and as '{otherName}'; pass distinct fields (e.g. a copy for the old values).", otherName);
    }

    /// <summary>
    /// Throws if an adjoint is missing where the kernel needs one (every written field needs its
    /// seed), lives elsewhere, has other extents than its field, or is the field itself.
    /// </summary>
    public static void CheckAdjoint<T>(Backend backend, Duplicated<T> pair, string name, bool written, string kernel) where T : unmanaged
    {
        var adjoint = pair.Adjoint;
        if (adjoint is null)
        {
            if (written)
                throw new ArgumentException($"{kernel}: field '{name}' is written by the kernel, so its adjoint (the seed) is required: pass {name}.With({name}Bar).", name);
            return;
        }
        if (ReferenceEquals(adjoint, pair.Value))
            throw new ArgumentException($"{kernel}: the adjoint of '{name}' is the field itself; allocate a separate adjoint field.", name);
        if (!ReferenceEquals(adjoint.Backend, backend))
            throw new ArgumentException($"{kernel}: the adjoint of '{name}' lives on backend '{adjoint.Backend.Name}' but the kernel runs on '{backend.Name}'.", name);
        if (adjoint.Rank != pair.Value.Rank || adjoint.Nx != pair.Value.Nx || adjoint.Ny != pair.Value.Ny || adjoint.Nz != pair.Value.Nz)
            throw new ArgumentException($"{kernel}: the adjoint of '{name}' is {adjoint.ShapeText} but '{name}' is {pair.Value.ShapeText}; an adjoint has its field's extents.", name);
        if (adjoint.IsDisposed)
            throw new ObjectDisposedException(name, $"{kernel}: the adjoint of '{name}' has been disposed.");
    }

    /// <summary>The native memory of a CPU field, or null for an inactive adjoint.</summary>
    public static unsafe T* PointerOrNull<T>(Field<T>? field) where T : unmanaged => field is null ? null : ((CpuField<T>)field).Pointer;

    /// <summary>The ILGPU view of an accelerator field, or an empty view for an inactive adjoint.</summary>
    public static ILGPU.ArrayView<T> ViewOrEmpty<T>(Field<T>? field) where T : unmanaged => field is null ? default : ((IlgpuField<T>)field).View;

    /// <summary>All points of a field.</summary>
    public static Box ExtentOf<T>(Field<T> field) where T : unmanaged => Box.Everything.Fit(field, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Narrows a statement's box (set by the field it writes and its conditions) to where a read
    /// field's footprint fits, and throws if that loses points: the read field is too small for the
    /// statement, which in ParallelStencil would read out of bounds.
    /// </summary>
    public static Box Covered<T>(Box box, Field<T> field, string name, string target, string kernel,
        int xlo, int xhi, int ylo = 0, int yhi = 0, int zlo = 0, int zhi = 0) where T : unmanaged
    {
        var fitted = box.Fit(field, xlo, xhi, ylo, yhi, zlo, zhi);
        if (box.IsEmpty || fitted.SamePoints(box)) return fitted;
        throw new ArgumentException(
            $"{kernel}: the statement writing {target} covers points {box}, but {name} ({field.ShapeText}) can only be read at {fitted}. " +
            $"Check the extent of {name}: staggered fields are one point larger or smaller than cell-centred ones along their axis; " +
            "or restrict the statement with an index condition.", name);
    }

    /// <summary>
    /// <see cref="Covered{T}(Box, Field{T}, string, string, string, int, int, int, int, int, int)"/>,
    /// after checking that the read field has exactly the extents its operators need for
    /// <paramref name="selection"/>, the whole selection the statement writes in <paramref name="written"/>
    /// (operator form, as in ParallelStencil, where the operators' arrays combine element by element).
    /// </summary>
    public static Box Covered<T>(Box box, Box selection, Field<T> written, Field<T> field, string name, string target, string kernel,
        int xlo, int xhi, int ylo = 0, int yhi = 0, int zlo = 0, int zhi = 0) where T : unmanaged
    {
        var read = Box.Unrestricted.Fit(field, xlo, xhi, ylo, yhi, zlo, zhi);
        if (!read.SamePoints(selection))
        {
            string needed = Shape(field.Rank, selection.Width + xhi - xlo, selection.Height + yhi - ylo, selection.Depth + zhi - zlo);
            string targetNeeded = Shape(field.Rank, written.Nx + read.Width - selection.Width, written.Ny + read.Height - selection.Height, written.Nz + read.Depth - selection.Depth);
            throw new ArgumentException(
                $"{kernel}: the statement writing {target} ({written.ShapeText}) reads '{name}' ({field.ShapeText}) through operators, element by element over {target}'s selection, " +
                $"and their extents do not line up: with {target} as it is, '{name}' must be {needed}; with '{name}' as it is, {target} must be {targetNeeded}. " +
                "Allocate the field that is off (a staggered field is one point longer along its axis than a cell-centred one), " +
                "or set [Stencil(ExactExtents = false)] on the kernel to use part of a larger field on purpose.", name);
        }
        return Covered(box, field, name, target, kernel, xlo, xhi, ylo, yhi, zlo, zhi);
    }

    private static string Shape(int rank, int nx, int ny, int nz) => rank switch { 1 => $"{nx}", 2 => $"{nx}x{ny}", _ => $"{nx}x{ny}x{nz}" };

    /// <summary>Number of rows (y, z pairs) or x chunks a CPU kernel is split into.</summary>
    public static int Rows(Box all, int rank) => rank switch
    {
        1 => (all.Width + Chunk1D - 1) / Chunk1D,
        2 => all.Height,
        _ => checked(all.Height * all.Depth),
    };

    /// <summary>The points of a launch box along its first <paramref name="rank"/> axes.</summary>
    public static long Points(Box all, int rank) => rank switch
    {
        1 => all.Width,
        2 => (long)all.Width * all.Height,
        _ => (long)all.Width * all.Height * all.Depth,
    };

    /// <summary>
    /// Where a CPU gather's vectors start in a row: <paramref name="xa"/>, the first x where every
    /// block's x test holds, moved right to the first x at which <paramref name="row"/> (the adjoint
    /// row the vectors add to) is aligned to a vector of <paramref name="width"/> elements, so that
    /// the vectors' loads and stores of that row, and of the rows of arrays with its extents, cross
    /// fewer cache lines. It moves only where the end vector left of the vectors, which starts at
    /// <paramref name="first"/> at the latest, still takes every point before the new start, and a
    /// whole vector still fits before <paramref name="xb"/>. Results do not change: the end vector
    /// computes its points as the vectors do.
    /// </summary>
    public static unsafe int AlignedStart<T>(T* row, int xa, int first, int xb, int width) where T : unmanaged
    {
        int misaligned = (int)((nuint)(row + xa) / (nuint)sizeof(T) % (nuint)width);
        if (misaligned == 0) return xa;
        int aligned = xa + width - misaligned;
        return aligned - width <= first && aligned + width - 1 <= xb ? aligned : xa;
    }

    /// <summary>
    /// Rows per y block of a 3D CPU kernel (cache blocking): a block's planes of one array stay
    /// within <see cref="CpuBackend.BlockBytes"/>, so the z - 1, z, z + 1 planes a stencil reads are
    /// still in cache when the next z comes. The whole height when a plane fits.
    /// </summary>
    public static int BlockHeight(CpuBackend backend, Box all, int elementSize)
    {
        long rowBytes = (long)Math.Max(all.Width, 1) * elementSize;
        return (int)Math.Clamp(backend.BlockBytes / rowBytes, Math.Min(8, all.Height), Math.Max(all.Height, 1));
    }

    /// <summary>
    /// The (iy, iz) of a 3D CPU kernel's row: rows go through y blocks of <paramref name="blockHeight"/>,
    /// all of z within a block, y fastest.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Row(in Box all, int blockHeight, int row, out int iy, out int iz)
    {
        int perBlock = blockHeight * all.Depth;
        int block = row / perBlock;
        int rest = row - block * perBlock;
        int height = Math.Min(blockHeight, all.Height - block * blockHeight);
        iz = all.ZLo + rest / height;
        iy = all.YLo + block * blockHeight + rest % height;
    }

    /// <summary>
    /// A row index kept inside an array of <paramref name="count"/> rows: a CPU gather's row
    /// pointers, so that its masked vectors (rows near a boundary) never load outside the array.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Clamp(int index, int count) => Math.Min(Math.Max(index, 0), count - 1);

    /// <summary>
    /// Asks the CPU to bring the cache line at <paramref name="address"/> into its caches (x86;
    /// nothing elsewhere). It never faults, wherever it points. CPU kernels prefetch their rows ahead.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(void* address)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(address);
    }

    /// <summary>The native memory of a CPU field.</summary>
    public static unsafe T* Pointer<T>(Field<T> field) where T : unmanaged => ((CpuField<T>)field).Pointer;

    /// <summary>The ILGPU view of an accelerator field.</summary>
    public static ILGPU.ArrayView<T> View<T>(Field<T> field) where T : unmanaged => ((IlgpuField<T>)field).View;

    /// <summary>
    /// Whether an ILGPU kernel over these fields may index them with 32-bit integers: every field
    /// has at most <see cref="Index32Elements"/> elements (and the backend is not told to index
    /// wide, <see cref="IlgpuBackend.WideIndices"/>).
    /// </summary>
    public static bool Index32<T>(Backend backend, params ReadOnlySpan<Field<T>> fields) where T : unmanaged
    {
        if (((IlgpuBackend)backend).WideIndices) return false;
        foreach (var field in fields)
            if (field.Length > Index32Elements) return false;
        return true;
    }

    /// <summary>
    /// The most elements a field may have for 32-bit indices: 2^30 (a 1024^3 grid, 8.6 GB of
    /// doubles). A kernel computes a thread's index in every field it touches, also at points off
    /// a field's extent (staggered fields, by at most a few planes), so the bound leaves room
    /// below 2^31 for those.
    /// </summary>
    public const long Index32Elements = 1L << 30;

    /// <summary>The backend as an ILGPU backend (checked by <see cref="CheckBackend"/>).</summary>
    public static IlgpuBackend Ilgpu(Backend backend) => (IlgpuBackend)backend;
}
