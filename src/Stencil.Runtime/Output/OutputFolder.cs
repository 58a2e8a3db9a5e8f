namespace Stencil;

/// <summary>The folder a run writes its results to, checked before the run starts.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Makes <paramref name="folder"/> if it is missing and checks that every process can write a
    /// file in it, before any long work: a run must not compute for hours and then lose its results.
    /// Throws an <see cref="ArgumentException"/> on every process alike if any cannot, naming the
    /// folder, the reason and <paramref name="option"/>, the command-line option that chooses another.
    /// </summary>
    public static void Require(string folder, IGlobalGrid? grid = null, string option = "--out")
    {
        grid ??= SingleProcess.Instance;
        string? why = Unwritable(folder, grid.Rank);
        if (grid.Max(why is null ? 0 : 1) > 0)
            throw new ArgumentException($"Cannot write to the output folder '{folder}' ({why ?? "on another process"}): choose another with {option}.");
    }

    /// <summary>Null when <paramref name="folder"/> exists or can be made and takes a file; else why not.</summary>
    private static string? Unwritable(string folder, int rank)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-test-{rank}-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
