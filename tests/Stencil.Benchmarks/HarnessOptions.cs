namespace Stencil.Benchmarks;

/// <summary>
/// The T_eff harness's command line, checked before any measurement starts: a run takes minutes,
/// and a mistyped size or a report path in a missing folder must not end it halfway, with the
/// measurements lost.
/// </summary>
/// <param name="Sizes">3D grid sizes n (n^3 points); empty leaves the 3D kernels out.</param>
/// <param name="Size2D">2D grid size n (n^2 points); 0 leaves the 2D kernels out.</param>
/// <param name="Reps">Rounds per kernel; the harness reports medians.</param>
/// <param name="Threads">CPU backend threads; null for one per core.</param>
/// <param name="BlockBytes">CPU backend cache blocks, bytes of one array's plane; null for the backend's default.</param>
/// <param name="WideIndices">ILGPU backends: index fields with 64-bit integers even where 32-bit ones reach every element.</param>
/// <param name="Json">Where to write the JSON report; null for none.</param>
/// <param name="Backend">Backend name, see <see cref="Backends.Names"/>.</param>
public sealed record HarnessOptions(
    IReadOnlyList<int> Sizes, int Size2D, int Reps, int? Threads, long? BlockBytes, bool WideIndices, string? Json, string Backend)
{
    /// <summary>The smallest grid size: one interior point inside a one-point boundary.</summary>
    public const int MinimumSize = 3;

    /// <summary>The options, as the usage line names them.</summary>
    public static string Usage =>
        $"Options: --backend {string.Join("|", Backends.Names)} --n 128,256 (0: no 3D kernels) --n2d 4096 (0: no 2D kernels) --reps R --threads T --block-bytes B --indices 32|64 --json PATH";

    /// <summary>Parses the harness's arguments; on an error, <paramref name="error"/> says what is wrong and what to write instead.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out HarnessOptions options, out string error)
    {
        options = new HarnessOptions([128, 256], 4096, 11, null, null, false, null, "cpu");
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is not ("--n" or "--n2d" or "--reps" or "--threads" or "--block-bytes" or "--indices" or "--json" or "--backend"))
            {
                error = $"Unknown option '{name}'. {Usage}";
                return false;
            }
            if (i + 1 >= args.Count)
            {
                error = $"Option '{name}' needs a value. {Usage}";
                return false;
            }
            string value = args[++i];
            string? problem = null;
            switch (name)
            {
                case "--n":
                    var sizes = new List<int>();
                    foreach (string part in value.Split(','))
                    {
                        if (!int.TryParse(part, out int n) || (n != 0 && n < MinimumSize)) { problem = $"--n takes grid sizes of at least {MinimumSize}, separated by commas (e.g. --n 128,256), or 0 for no 3D kernels; got '{value}'."; break; }
                        if (n != 0) sizes.Add(n);
                    }
                    options = options with { Sizes = sizes };
                    break;
                case "--n2d":
                    if (!int.TryParse(value, out int n2d) || (n2d != 0 && n2d < MinimumSize)) problem = $"--n2d takes a grid size of at least {MinimumSize} (e.g. --n2d 4096), or 0 for no 2D kernels; got '{value}'.";
                    else options = options with { Size2D = n2d };
                    break;
                case "--reps":
                    if (!int.TryParse(value, out int reps) || reps < 1) problem = $"--reps takes a number of rounds of at least 1 (e.g. --reps 11); got '{value}'.";
                    else options = options with { Reps = reps };
                    break;
                case "--threads":
                    if (!int.TryParse(value, out int threads) || threads < 1) problem = $"--threads takes a number of threads of at least 1 (e.g. --threads 2); got '{value}'.";
                    else options = options with { Threads = threads };
                    break;
                case "--block-bytes":
                    if (!long.TryParse(value, out long bytes) || bytes < 1) problem = $"--block-bytes takes a positive number of bytes (e.g. --block-bytes 1048576); got '{value}'.";
                    else options = options with { BlockBytes = bytes };
                    break;
                case "--indices":
                    if (value is not ("32" or "64")) problem = $"--indices takes 32 (the default: 32-bit indices where every field allows them) or 64 (64-bit indices always); got '{value}'.";
                    else options = options with { WideIndices = value == "64" };
                    break;
                case "--json":
                    string? folder = value.Length == 0 ? null : Path.GetDirectoryName(Path.GetFullPath(value));
                    if (value.Length == 0 || Directory.Exists(value) || (folder is not null && !Directory.Exists(folder)))
                        problem = $"--json takes the path of the report file, in a folder that exists; got '{value}'.";
                    else options = options with { Json = value };
                    break;
                case "--backend":
                    options = options with { Backend = value };
                    break;
            }
            if (problem is not null)
            {
                error = problem;
                return false;
            }
        }
        if (options.WideIndices && options.Backend == "cpu")
        {
            error = "--indices chooses the index width of GPU (ILGPU) kernels; the cpu backend has none to choose. Leave it out, or add --backend cuda.";
            return false;
        }
        if (options.Sizes.Count == 0 && options.Size2D == 0)
        {
            error = "--n 0 and --n2d 0 leave no kernel to measure.";
            return false;
        }
        error = "";
        return true;
    }
}
