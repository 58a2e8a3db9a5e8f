namespace Stencil;

/// <summary>Allocation of work fields shaped as a given field, for the solvers and verification helpers.</summary>
internal static class FieldAllocation
{
    /// <summary>A zeroed field on <paramref name="backend"/> with the rank and extents of <paramref name="field"/>.</summary>
    public static Field<T> AllocateLike<T>(this Backend backend, Field<T> field) where T : unmanaged => field.Rank switch
    {
        1 => backend.Allocate<T>(field.Nx),
        2 => backend.Allocate<T>(field.Nx, field.Ny),
        _ => backend.Allocate<T>(field.Nx, field.Ny, field.Nz),
    };
}
