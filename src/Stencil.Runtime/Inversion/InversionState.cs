namespace Stencil;

/// <summary>
/// Everything an optimiser needs to continue: parameters, cost, gradient, L-BFGS memory, the cost
/// history and what a stateful objective keeps between evaluations. Saved after every outer iteration,
/// so a run resumes after a crash and reaches the same result as an uninterrupted one.
/// </summary>
public sealed class InversionState
{
    /// <summary>
    /// What the state was computed for (case, grid, process), as the program describes it: a run
    /// that loads the state with another description is refused (<see cref="Load(string, string?)"/>).
    /// </summary>
    public string Label { get; set; } = "";

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

    /// <summary>
    /// What a <see cref="IStatefulObjective"/> kept after its evaluation at <see cref="Parameters"/>
    /// (e.g. the PT solution its next solve starts from); empty for other objectives.
    /// </summary>
    public Dictionary<string, double[]> ObjectiveState { get; set; } = [];

    /// <summary>The state before the first iteration: cost and gradient at <paramref name="initial"/>.</summary>
    public static InversionState Start(IObjective objective, double[] initial)
    {
        var state = new InversionState { Parameters = (double[])initial.Clone(), Gradient = new double[initial.Length] };
        state.Cost = objective.CostAndGradient(state.Parameters, state.Gradient);
        state.CostHistory.Add(state.Cost);
        state.Capture(objective);
        return state;
    }

    /// <summary>Records what a stateful objective keeps, after an evaluation at <see cref="Parameters"/>.</summary>
    internal void Capture(IObjective objective)
    {
        if (objective is IStatefulObjective stateful)
            ObjectiveState = new Dictionary<string, double[]>(stateful.SaveState());   // SaveState returns copies
    }

    /// <summary>Gives a stateful objective back what it kept (a resumed run: the objective is new).</summary>
    internal void Restore(IObjective objective)
    {
        if (objective is IStatefulObjective stateful && ObjectiveState.Count > 0)
            stateful.RestoreState(ObjectiveState);
    }

    /// <summary>
    /// Writes the state atomically (temporary file, then rename): a crash never leaves half a file.
    /// The file ends with a SHA-256 of its contents, so a damaged copy is refused on loading.
    /// </summary>
    public void Save(string path)
    {
        var contents = new MemoryStream();
        using (var writer = new BinaryWriter(contents, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Label);
            writer.Write(Iteration);
            writer.Write(Cost);
            Write(writer, Parameters);
            Write(writer, Gradient);
            writer.Write(Steps.Count);
            foreach (var s in Steps) Write(writer, s);
            foreach (var y in GradientChanges) Write(writer, y);
            Write(writer, CostHistory.ToArray());
            writer.Write(ObjectiveState.Count);
            foreach (var (name, values) in ObjectiveState.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                Write(writer, values);
            }
        }
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            contents.Position = 0;
            contents.CopyTo(file);
            file.Write(System.Security.Cryptography.SHA256.HashData(contents.GetBuffer().AsSpan(0, (int)contents.Length)));
        }
        File.Move(temporary, path, overwrite: true);
    }

    private const string Version = "stencil-inversion-state-v3";
    private const string VersionWithoutChecksum = "stencil-inversion-state-v2", VersionWithoutObjectiveState = "stencil-inversion-state-v1";
    private const int ChecksumBytes = 32;

    /// <summary>
    /// Reads a state written by <see cref="Save"/> (or by the versions before, which kept no label,
    /// checksum or objective state). A file that is cut short, damaged (its checksum does not match)
    /// or not such a state, and a state whose <see cref="Label"/> is not <paramref name="expectedLabel"/>
    /// (when given), are refused with an <see cref="InvalidDataException"/> that names the file.
    /// </summary>
    public static InversionState Load(string path, string? expectedLabel = null)
    {
        var bytes = File.ReadAllBytes(path);
        InversionState state;
        using (var reader = new BinaryReader(new MemoryStream(bytes)))
        {
            try
            {
                state = Read(reader, bytes, path);
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
            {
                throw new InvalidDataException($"'{path}' is not a complete Stencil inversion state ({e.Message.TrimEnd('.')}): it was cut short or written by another program; start without --resume, or restore the file.", e);
            }
        }
        if (expectedLabel is not null && state.Label != expectedLabel)
            throw new InvalidDataException($"'{path}' is the inversion state of {(state.Label.Length == 0 ? "an unlabelled run" : state.Label)}, not of this run ({expectedLabel}): resume with the options that wrote it, write to another --out, or start without --resume.");
        return state;
    }

    private static InversionState Read(BinaryReader reader, byte[] bytes, string path)
    {
        string version = reader.ReadString();
        if (version != Version && version != VersionWithoutChecksum && version != VersionWithoutObjectiveState)
            throw new InvalidDataException($"'{path}' is not a Stencil inversion state (or was written by another version).");
        if (version == Version)
        {
            if (bytes.Length < ChecksumBytes || !System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumBytes)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
                throw new InvalidDataException($"'{path}' is damaged (its checksum does not match its contents): start without --resume, or restore the file.");
        }
        var state = new InversionState { Label = version == Version ? reader.ReadString() : "" };
        state.Iteration = reader.ReadInt32();
        state.Cost = reader.ReadDouble();
        state.Parameters = Read(reader);
        state.Gradient = Read(reader);
        int memory = Count(reader);
        for (int i = 0; i < memory; i++) state.Steps.Add(Read(reader));
        for (int i = 0; i < memory; i++) state.GradientChanges.Add(Read(reader));
        state.CostHistory = [.. Read(reader)];
        if (version != VersionWithoutObjectiveState)
        {
            int count = Count(reader);
            for (int i = 0; i < count; i++) state.ObjectiveState[reader.ReadString()] = Read(reader);
        }
        return state;
    }

    private static void Write(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    /// <summary>A count that the rest of the file can hold (a damaged file must not ask for gigabytes).</summary>
    private static int Count(BinaryReader reader, int bytesEach = 1)
    {
        int count = reader.ReadInt32();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * bytesEach > left) throw new EndOfStreamException($"a count of {count} where {left} bytes are left");
        return count;
    }

    private static double[] Read(BinaryReader reader)
    {
        var values = new double[Count(reader, sizeof(double))];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadDouble();
        return values;
    }
}
