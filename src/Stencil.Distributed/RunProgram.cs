namespace Stencil.Distributed;

public sealed partial class GlobalGrid
{
    /// <summary>
    /// Runs a program's main work on one process or under mpiexec and turns its errors into what a
    /// command line should show: one line and an exit code, never a stack trace.
    /// <list type="bullet">
    /// <item>Bad input that every process finds alike (<see cref="ArgumentException"/> from options,
    /// grid sizes or <see cref="OutputFolder"/>; <see cref="RefusedInputException"/>): the first
    /// process says it, and all return 2.</item>
    /// <item>A failure of the run on some process (an unreadable file, a diverged solver, a missing
    /// device or MPI library): that process says it, naming its rank, and ends every process with 1,
    /// since the others would wait for it forever.</item>
    /// </list>
    /// Other exceptions are faults of the program and keep their stack trace. With <c>--help</c>
    /// (<see cref="RunOptions.Help"/>) the first process prints the usage and all return 0.
    /// </summary>
    public static int RunProgram(string[] args, Func<string[], RunOptions> parse, Func<RunOptions, int> run)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(run);
        return RunProgram(() =>
        {
            var options = parse(args);
            if (options.Help && LaunchRank == 0) Console.WriteLine(options.UsageText);
            return options.Help ? 0 : run(options);
        });
    }

    /// <summary>
    /// Runs a program's main work as <see cref="RunProgram(string[], Func{string[], RunOptions}, Func{RunOptions, int})"/> does, without a command line to parse.
    /// </summary>
    public static int RunProgram(Func<int> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        try
        {
            return program();
        }
        catch (ArgumentException e)
        {
            if (LaunchRank == 0)
                Console.Error.WriteLine(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message);
            return 2;
        }
        catch (RefusedInputException e)
        {
            if (LaunchRank == 0) Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or SolverDivergedException or InvalidOperationException or DllNotFoundException or NotSupportedException)
        {
            Console.Error.WriteLine(LaunchRank == 0 ? $"error: {e.Message}" : $"error on rank {LaunchRank}: {e.Message}");
            AbortRun(1);
            return 1;
        }
    }
}
