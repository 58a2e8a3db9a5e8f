namespace Stencil;

/// <summary>
/// An L-BFGS inversion kept in a folder so that it can stop and go on. Each process saves its part
/// (parameters, gradient, L-BFGS pairs, the objective's warm-start fields) to its own state file
/// after every iteration; a later run with <see cref="Resume"/> goes on from there bit for bit. The
/// label names the run a state belongs to (case, grid, process): a state of another run is neither
/// resumed nor replaced unless <see cref="Force"/> says so, and every process decides alike, so a
/// refusal comes before any work and loses nothing.
/// </summary>
public sealed class SavedInversion
{
    private readonly IGlobalGrid _grid;
    private bool? _decided;

    /// <param name="folder">Where the state files are (made if missing).</param>
    /// <param name="label">What the run is, e.g. its case and grid; the process is added.</param>
    /// <param name="grid">The processes that share the parameters; one process if omitted.</param>
    public SavedInversion(string folder, string label, IGlobalGrid? grid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(label);
        _grid = grid ?? SingleProcess.Instance;
        Folder = folder;
        Label = $"{label}, process {_grid.Rank} of {_grid.Processes}";
        // One file per process: each holds its own block's parameters, gradient and warm-start fields.
        StatePath = Path.Combine(folder, _grid.Processes == 1 ? "inversion.state" : $"inversion.rank{_grid.Rank}of{_grid.Processes}.state");
    }

    /// <summary>The folder of the state files.</summary>
    public string Folder { get; }

    /// <summary>This process's label, as saved in its state.</summary>
    public string Label { get; }

    /// <summary>This process's state file.</summary>
    public string StatePath { get; }

    /// <summary>Go on from the saved state if there is one (command line: --resume).</summary>
    public bool Resume { get; init; }

    /// <summary>Replace a state of another run (command line: --force).</summary>
    public bool Force { get; init; }

    /// <summary>Where the first process reports the start, resume and end (none if null).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>True after <see cref="Start"/> when it resumed a saved state.</summary>
    public bool Resumed { get; private set; }

    /// <summary>
    /// The state to run from: the saved one with <see cref="Resume"/> (refused with the reason and
    /// what to do when it belongs to another run or another number of processes), else a new one at
    /// <paramref name="initial"/>, saved at once.
    /// </summary>
    public InversionState Start(Lbfgs lbfgs, IObjective objective, double[] initial)
    {
        ArgumentNullException.ThrowIfNull(lbfgs);
        ArgumentNullException.ThrowIfNull(objective);
        bool saved = Check();
        InversionState state;
        if (saved)
        {
            state = InversionState.Load(StatePath, Label);
            if (state.Parameters.Length != initial.Length)
                throw new InvalidDataException($"{StatePath} holds {state.Parameters.Length} parameters but this process has {initial.Length}: it was written for another grid; start without --resume.");
            Resumed = true;
            int iterations = lbfgs.Options.Iterations;
            Say(state.Iteration >= iterations
                ? $"the run in {Folder} is complete ({state.Iteration} of {iterations} iterations): its results are written again from the saved state; ask for more with --iterations"
                : $"resuming after iteration {state.Iteration} (J = {state.Cost:E4})");
            return state;
        }
        state = lbfgs.Start(objective, initial);
        state.Label = Label;
        Directory.CreateDirectory(Folder);
        state.Save(StatePath);
        Say($"iteration 0: J = {state.Cost:E4}");
        return state;
    }

    /// <summary>
    /// Decides, on every process alike, whether <see cref="Start"/> resumes (true) or starts afresh
    /// (false), and refuses a state of another run or another number of processes with a
    /// <see cref="RefusedInputException"/> that says what to do. <see cref="Start"/> calls it; call it
    /// yourself before any long work, so that a refusal comes first.
    /// </summary>
    public bool Check()
    {
        if (_decided is { } decided) return decided;
        int processes = _grid.Processes;
        double saved = _grid.Sum([Resume && File.Exists(StatePath) ? 1 : 0]);
        if (saved > 0 && saved < processes)
            throw new RefusedInputException($"--resume found the inversion state of only {saved} of the {processes} processes in {Folder}: resume with the number of processes that wrote it, or start without --resume.");
        if (Resume && saved == 0 && Directory.Exists(Folder) && Directory.GetFiles(Folder, "inversion*.state").FirstOrDefault() is { } other)
            throw new RefusedInputException($"--resume found no inversion state for {processes} process(es) in {Folder}, but {Path.GetFileName(other)}, written by a run on another number of processes: resume with that number, or start without --resume.");
        bool exists = File.Exists(StatePath);
        string? written = exists ? SavedLabel(StatePath) : null;   // null: no state, or not a readable one
        if (!Resume && !Force && _grid.Sum([exists && written != Label ? 1 : 0]) > 0)
            throw new RefusedInputException($"{Folder} holds the inversion state of another run ({(exists ? written ?? "damaged" : "another process")}; this one is {Label}): choose another --out, or pass --force to replace it.");
        if (saved > 0 && _grid.Sum([written is not null && written != Label ? 1 : 0]) > 0)
            throw new RefusedInputException($"--resume found in {Folder} the inversion state of another run ({written ?? "another process's"}; this one is {Label}): resume with the options that wrote it, or start without --resume in another --out.");

        _decided = saved > 0;
        return saved > 0;
    }

    /// <summary>
    /// Runs <paramref name="lbfgs"/> from <paramref name="state"/> to its iteration count, saving the
    /// state after every iteration and then calling <paramref name="afterIteration"/>. Returns false
    /// (and says so) when a line search found no decrease of J.
    /// </summary>
    public bool Run(Lbfgs lbfgs, IObjective objective, InversionState state, Action<InversionState>? afterIteration = null)
    {
        ArgumentNullException.ThrowIfNull(lbfgs);
        bool completed = lbfgs.Run(objective, state, s =>
        {
            s.Save(StatePath);
            afterIteration?.Invoke(s);
        });
        if (!completed)
            Say($"stopped after iteration {state.Iteration}: the line search found no decrease of J along the L-BFGS direction");
        return completed;
    }

    private void Say(string line)
    {
        if (_grid.Rank == 0) Log?.WriteLine(line);
    }

    /// <summary>The label of the state at <paramref name="path"/> (states of earlier versions have none), or null where the file is not a readable state.</summary>
    private static string? SavedLabel(string path)
    {
        try { return InversionState.Load(path).Label is { Length: > 0 } label ? label : "a run of an earlier version"; }
        catch (InvalidDataException) { return null; }
    }
}
