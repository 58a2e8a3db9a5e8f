namespace Stencil;

/// <summary>
/// Everything an optimiser needs to continue: parameters, cost, gradient, L-BFGS memory and the cost
/// history. Saved after every outer iteration, so a run resumes after a crash and reaches the same
/// result as an uninterrupted one.
/// </summary>
public sealed class InversionState
{
    /// <summary>Completed outer iterations.</summary>
    public int Iteration { get; set; }

    /// <summary>Current parameters.</summary>
    public double[] Parameters { get; set; } = [];

    /// <summary>Cost at <see cref="Parameters"/>.</summary>
    public double Cost { get; set; }

    /// <summary>Gradient at <see cref="Parameters"/>.</summary>
    public double[] Gradient { get; set; } = [];

    /// <summary>L-BFGS memory: parameter steps s_k, oldest first.</summary>
    public List<double[]> Steps { get; set; } = [];

    /// <summary>L-BFGS memory: gradient changes y_k, oldest first.</summary>
    public List<double[]> GradientChanges { get; set; } = [];

    /// <summary>Cost after each outer iteration, the initial cost first.</summary>
    public List<double> CostHistory { get; set; } = [];

    /// <summary>The state before the first iteration: cost and gradient at <paramref name="initial"/>.</summary>
    public static InversionState Start(IObjective objective, double[] initial)
    {
        var state = new InversionState { Parameters = (double[])initial.Clone(), Gradient = new double[initial.Length] };
        state.Cost = objective.CostAndGradient(state.Parameters, state.Gradient);
        state.CostHistory.Add(state.Cost);
        return state;
    }

    /// <summary>Writes the state atomically (temporary file, then rename): a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        string temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write("stencil-inversion-state-v1");
            writer.Write(Iteration);
            writer.Write(Cost);
            Write(writer, Parameters);
            Write(writer, Gradient);
            writer.Write(Steps.Count);
            foreach (var s in Steps) Write(writer, s);
            foreach (var y in GradientChanges) Write(writer, y);
            Write(writer, CostHistory.ToArray());
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a state written by <see cref="Save"/>.</summary>
    public static InversionState Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != "stencil-inversion-state-v1")
            throw new InvalidDataException($"'{path}' is not a Stencil inversion state (or was written by another version).");
        var state = new InversionState { Iteration = reader.ReadInt32(), Cost = reader.ReadDouble(), Parameters = Read(reader), Gradient = Read(reader) };
        int memory = reader.ReadInt32();
        for (int i = 0; i < memory; i++) state.Steps.Add(Read(reader));
        for (int i = 0; i < memory; i++) state.GradientChanges.Add(Read(reader));
        state.CostHistory = [.. Read(reader)];
        return state;
    }

    private static void Write(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    private static double[] Read(BinaryReader reader)
    {
        var values = new double[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return values;
    }
}
