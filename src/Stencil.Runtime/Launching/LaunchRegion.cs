namespace Stencil;

/// <summary>
/// Restricts the launches of the current thread to a box of iteration points: every statement's box
/// starts from <see cref="Box.Everything"/>, which inside a <see cref="Restrict"/> scope is that box.
/// Launches over boxes that partition the points compute what one launch computes, point for point:
/// this is how a distributed run computes the boundary slabs of a block first and its interior
/// while halo messages travel.
/// </summary>
internal static class LaunchRegion
{
    private const int Far = 1 << 30;

    [ThreadStatic] private static bool t_restricted;
    [ThreadStatic] private static Box t_region;

    /// <summary>No restriction.</summary>
    public static Box Unbounded => new() { XLo = -Far, XHi = Far, YLo = -Far, YHi = Far, ZLo = -Far, ZHi = Far };

    /// <summary>The points launches on this thread may cover.</summary>
    public static Box Current => t_restricted ? t_region : Unbounded;

    /// <summary>Launches on this thread cover only <paramref name="region"/> until the scope is disposed.</summary>
    public static Scope Restrict(Box region)
    {
        var scope = new Scope(t_restricted, t_region);
        t_restricted = true;
        t_region = region;
        return scope;
    }

    /// <summary>Restores the restriction that held before.</summary>
    public readonly struct Scope(bool restricted, Box region) : IDisposable
    {
        public void Dispose()
        {
            t_restricted = restricted;
            t_region = region;
        }
    }
}
