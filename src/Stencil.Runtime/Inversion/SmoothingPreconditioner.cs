namespace Stencil;

/// <summary>
/// Gradient smoothing as a preconditioner: P g = S^passes g, with S one pass of a smoothing kernel
/// (an explicit diffusion step, say) on a field shaped like the parameter field. The optimiser then
/// steps along smooth directions, a regularisation, while its line search tests the true gradient.
/// Gradients are the owned points of each process (<see cref="IGlobalGrid.OwnedValues{T}"/>); halos
/// are updated after every pass, and the points a pass leaves alone keep the gradient's values.
/// </summary>
public sealed class SmoothingPreconditioner<T> : IPreconditioner, IDisposable where T : unmanaged, System.Numerics.INumber<T>
{
    private readonly Field<T> _a, _b;
    private readonly Action<Field<T>, Field<T>> _pass;
    private readonly IGlobalGrid _grid;

    /// <param name="shape">A field shaped as the parameters (its values are not used).</param>
    /// <param name="passes">How many passes: the smoothing length grows like its square root.</param>
    /// <param name="pass">One pass: writes the smoothed first argument from the second.</param>
    /// <param name="grid">The processes that share the parameters; one process if omitted.</param>
    public SmoothingPreconditioner(Field<T> shape, int passes, Action<Field<T>, Field<T>> pass, IGlobalGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        Passes = passes;
        _pass = pass;
        _grid = grid ?? SingleProcess.Instance;
        _a = shape.Backend.AllocateLike(shape);
        _b = shape.Backend.AllocateLike(shape);
    }

    /// <summary>The passes per application.</summary>
    public int Passes { get; }

    /// <inheritdoc />
    public void Apply(double[] gradient, double[] result)
    {
        _grid.SetOwnedValues(_a, gradient);   // updates the halo too
        FieldOps.Copy(_b, _a);
        var (a, b) = (_a, _b);
        for (int pass = 0; pass < Passes; pass++)
        {
            _pass(b, a);
            _grid.UpdateHalo(b);
            (a, b) = (b, a);
        }
        _grid.OwnedValues(a).CopyTo(result, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
