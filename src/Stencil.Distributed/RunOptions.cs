namespace Stencil.Distributed;

/// <summary>
/// The command line that Stencil run programs share, in the manner of PETSc's options: where kernels
/// run, the global grid, threads, the halo exchange, the output folder, a quick run, the
/// optimiser's iterations, resuming or replacing a saved inversion, and help. A program parses it
/// with its defaults and its own flags, and builds its usage text from <see cref="Usage"/>; the
/// library's messages (<see cref="OutputFolder"/>, <see cref="SavedInversion"/>) name these options.
/// Bad input throws an <see cref="ArgumentException"/> that says what the option takes.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The backend's name (<c>--backend</c>, default cpu): a name of <see cref="Backends.Names"/>.</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Global cells per axis (<c>--grid NXxNY</c>): the program's default, or its quick one, if not given.</summary>
    public IReadOnlyList<int> Grid { get; init; } = [];

    /// <summary>Whether the grid was given: a default grid may be adjusted to one the processes can split (<see cref="GlobalGridOptions.AdjustToValid"/>), a given one is not.</summary>
    public bool GridGiven { get; init; }

    /// <summary>CPU threads per process (<c>--threads</c>); null: the node's cores shared among its processes.</summary>
    public int? Threads { get; init; }

    /// <summary>Halo exchanges (<c>--exchange</c>): auto (default), plain or hidden; see <see cref="HideCommunication"/>.</summary>
    public string Exchange { get; init; } = "auto";

    /// <summary>The output folder (<c>--out</c>; default out/NAME, or out/NAME-quick with <c>--quick</c>, so that a quick run never replaces a full one's results).</summary>
    public string Out { get; init; } = "";

    /// <summary>A small, fast run (<c>--quick</c>).</summary>
    public bool Quick { get; init; }

    /// <summary>The optimiser's iterations (<c>--iterations</c>).</summary>
    public int Iterations { get; init; }

    /// <summary>Go on from the inversion state in the output folder (<c>--resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>Replace an inversion state that another run wrote (<c>--force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Print the usage and stop (<c>--help</c>, <c>-h</c>).</summary>
    public bool Help { get; init; }

    /// <summary>The program's usage text, as given to <see cref="Parse"/>: printed for <c>--help</c>.</summary>
    public string UsageText { get; init; } = "";

    /// <summary>The program's own flags that were given.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    /// <summary>Whether the program's flag <paramref name="flag"/> was given.</summary>
    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>
    /// Whether to hide halo exchanges behind the interior: <c>--exchange hidden</c>, or
    /// <c>auto</c> where <see cref="GlobalGrid.HidingCommunicationPays"/>. Call it on every process.
    /// </summary>
    public bool HideCommunication(GlobalGrid grid, Backend backend)
        => Exchange == "hidden" || (Exchange == "auto" && grid.HidingCommunicationPays(backend));

    /// <summary>
    /// The global grid of <see cref="Grid"/> cells. A default grid that the processes cannot split
    /// evenly becomes the nearest one they can, and the first process says so on
    /// <paramref name="log"/>; a grid given with <c>--grid</c> is refused with the nearest valid sizes.
    /// </summary>
    public GlobalGrid CreateGrid(TextWriter? log = null)
    {
        var grid = GlobalGrid.FromGlobalSize(Grid[0], Grid.Count > 1 ? Grid[1] : 1, Grid.Count > 2 ? Grid[2] : 1, new GlobalGridOptions { AdjustToValid = !GridGiven });
        var used = new[] { grid.NxGlobal, grid.NyGlobal, grid.NzGlobal }.Take(Grid.Count).ToArray();
        if (grid.IsRoot && !used.SequenceEqual(Grid))
            log?.WriteLine($"{string.Join(" x ", Grid)} cells do not split evenly over {grid.Processes} processes ({string.Join(" x ", grid.Dims.Take(Grid.Count))}); using {string.Join(" x ", used)}");
        return grid;
    }

    /// <summary>
    /// Parses <paramref name="args"/>: the shared options, and the program's <paramref name="flags"/>
    /// (options without a value). <paramref name="usage"/> follows the message of an unknown option.
    /// </summary>
    public static RunOptions Parse(string[] args, RunDefaults defaults, string usage, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(defaults);
        if (defaults.Grid.Count is < 1 or > 3 || defaults.QuickGrid.Count != defaults.Grid.Count)
            throw new ArgumentException($"The defaults give a grid of {defaults.Grid.Count} and a quick grid of {defaults.QuickGrid.Count} axes: give both with 1, 2 or 3 axes.", nameof(defaults));
        var o = new RunOptions();
        var given = new HashSet<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            if (flags.Contains(option))
            {
                given.Add(option);
                continue;
            }
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.\n{usage}");
            o = option switch
            {
                "--backend" => o with { Backend = Backends.Known(Value()) },
                "--grid" => o with { Grid = ParseGrid(Value(), defaults), GridGiven = true },
                "--threads" => o with { Threads = Whole(option, Value()) },
                "--exchange" => o with { Exchange = Value() is ("auto" or "plain" or "hidden") and var e ? e : throw new ArgumentException($"--exchange takes auto, plain, hidden; got '{args[i]}'.") },
                "--out" => o with { Out = Value() is { Length: > 0 } folder ? folder : throw new ArgumentException("--out needs a folder.") },
                "--quick" => o with { Quick = true },
                "--resume" => o with { Resume = true },
                "--force" => o with { Force = true },
                "--help" or "-h" => o with { Help = true },
                "--iterations" => o with { Iterations = Whole(option, Value()) },
                _ => throw new ArgumentException($"Unknown option '{option}'.\n{usage}"),
            };
        }
        return o with
        {
            Grid = o.GridGiven ? o.Grid : o.Quick ? defaults.QuickGrid : defaults.Grid,
            Iterations = o.Iterations > 0 ? o.Iterations : o.Quick ? defaults.QuickIterations : defaults.Iterations,
            Out = o.Out.Length > 0 ? o.Out : Path.Combine("out", o.Quick ? defaults.Name + "-quick" : defaults.Name),
            Flags = given,
            UsageText = usage,
        };
    }

    /// <summary>The usage lines of the shared options with <paramref name="defaults"/>, for a program's help text.</summary>
    public static string Usage(RunDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        string axes = string.Join("x", new[] { "NX", "NY", "NZ" }.Take(defaults.Grid.Count)), quick = string.Join("x", defaults.QuickGrid);
        return $"""
              --backend {string.Join("|", Backends.Names),-28}where kernels run (default cpu; under MPI each process takes the GPU of its node-local rank)
              --grid {axes,-31}global cells (default {string.Join("x", defaults.Grid)}; with --quick {quick}); under MPI a grid the processes split evenly
              --threads N                           CPU threads per process (default: the node's cores shared among its processes)
              --exchange auto|plain|hidden          under MPI, halo exchanges after each kernel (plain) or hidden behind its interior
                                                    (hidden); auto (default) hides where a core is free to carry the messages
              --out DIR                             output folder (default out/{defaults.Name}, or out/{defaults.Name}-quick with --quick)
              --quick                               {quick} cells, {defaults.QuickIterations} iterations: seconds
              --iterations N                        L-BFGS iterations (default {defaults.Iterations}, or {defaults.QuickIterations} with --quick)
              --resume                              continue from the inversion state in DIR if present
              --force                               replace an inversion state in DIR that another case or grid wrote
            """;
    }

    private static int Whole(string option, string text)
        => int.TryParse(text, out int value) && value >= 1 ? value : throw new ArgumentException($"{option} takes a whole number of at least 1; got '{text}'.");

    private static int[] ParseGrid(string text, RunDefaults defaults)
    {
        int axes = defaults.Grid.Count;
        var cells = text.ToLowerInvariant().Split('x').Select(part => int.TryParse(part, out int n) ? n : 0).ToArray();
        return cells.Length == axes && cells.All(n => n >= defaults.MinimumCells) ? cells
            : throw new ArgumentException($"--grid takes {string.Join("x", new[] { "NX", "NY", "NZ" }.Take(axes))} with each at least {defaults.MinimumCells}, e.g. {string.Join("x", defaults.Grid)}; got '{text}'.");
    }
}

/// <summary>
/// A program's defaults for <see cref="RunOptions"/>: its name (the output folder), its grid and
/// iterations for full and quick runs, and the fewest cells per axis its case takes.
/// </summary>
public sealed record RunDefaults(string Name, IReadOnlyList<int> Grid, IReadOnlyList<int> QuickGrid, int Iterations, int QuickIterations, int MinimumCells = 3);
