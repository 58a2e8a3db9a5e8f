using System.Runtime.InteropServices;

namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    private readonly ExactSum _sum = new();
    private readonly double[] _max = new double[2];

    /// <inheritdoc />
    public double Max(double local)
    {
        if (_messages is null) return local;
        // NaN first: MPI_MAX need not keep a NaN, and a NaN anywhere must reach every process.
        _max[0] = double.IsNaN(local) ? 1 : 0;
        _max[1] = double.IsNaN(local) ? double.NegativeInfinity : local;
        _messages.MaxInPlace(_max);
        return _max[0] > 0 ? double.NaN : _max[1];
    }

    /// <summary>Σ of <paramref name="values"/> over all processes, exact and then rounded once: the same bits on any number of processes.</summary>
    public double Sum(ReadOnlySpan<double> values)
    {
        _sum.Clear();
        foreach (var v in values) _sum.Add(v);
        return Combine();
    }

    /// <summary>Σ aᵢ·bᵢ over all processes: each product rounded, their sum exact, so the same bits on any number of processes.</summary>
    public double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Dot of vectors of {a.Length} and {b.Length} entries.");
        _sum.Clear();
        for (int i = 0; i < a.Length; i++) _sum.Add(a[i] * b[i]);
        return Combine();
    }

    /// <summary>max |x| over the global field, each point counted once; NaN if any is NaN.</summary>
    public double MaxAbs<T>(Field<T> field) where T : unmanaged => Max(FieldRegion.MaxAbs(field, OwnedBox(field)));

    /// <summary>Σ x over the global field (each point once), exact then rounded.</summary>
    public double Sum<T>(Field<T> field) where T : unmanaged => Sum(OwnedValues(field));

    /// <summary>Σ x·y over the global field (each point once).</summary>
    public double Dot<T>(Field<T> x, Field<T> y) where T : unmanaged => Dot(OwnedValues(x), OwnedValues(y));

    /// <summary>sqrt(Σ x²) over the global field (each point once).</summary>
    public double Norm2<T>(Field<T> field) where T : unmanaged
    {
        var values = OwnedValues(field);
        return Math.Sqrt(Dot(values, values));
    }

    /// <summary>
    /// The values of the points this process owns, x fastest: the owned points of all processes
    /// together are the global field, each point once. Optimisers work on these vectors.
    /// </summary>
    public double[] OwnedValues<T>(Field<T> field) where T : unmanaged
    {
        var box = OwnedBox(field);
        var values = new T[FieldRegion.Points(box)];
        FieldRegion.CopyToHost(field, box, values);
        return values is double[] d ? d : Array.ConvertAll((float[])(object)values, v => (double)v);
    }

    /// <summary>
    /// Sets the points this process owns from <paramref name="values"/> (as <see cref="OwnedValues{T}"/>
    /// gives them) and updates the field's halo, so every local point holds its global value.
    /// </summary>
    public void SetOwnedValues<T>(Field<T> field, ReadOnlySpan<double> values) where T : unmanaged
    {
        var box = OwnedBox(field);
        int points = FieldRegion.Points(box);
        if (values.Length != points)
            throw new ArgumentException($"This process owns {points} points of the field {field.ShapeText}; got {values.Length} values.");
        if (typeof(T) == typeof(double)) FieldRegion.CopyFromHost(field, box, MemoryMarshal.Cast<double, T>(values));
        else
        {
            var converted = new float[points];
            for (int i = 0; i < points; i++) converted[i] = (float)values[i];
            FieldRegion.CopyFromHost(field, box, (T[])(object)converted);
        }
        UpdateHalo(field);
    }

    private double Combine()
    {
        if (_messages is null) return _sum.Result();
        var limbs = _sum.Values;
        _messages.SumInPlace(limbs);
        return _sum.Result();
    }
}
