using ShallowIce2D;
using Stencil;

// Shallow ice 2D: recover the mass-balance gradient from the steady ice thickness; see Options.Usage or run with --help.
try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }
    return IceRun.Execute(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message);
    return 2;
}
catch (Exception e) when (e is SolverDivergedException or InvalidOperationException or NotSupportedException or DllNotFoundException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
