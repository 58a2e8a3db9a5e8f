using PowerLaw1D;
using Stencil;

// Power-law diffusion 1D: recover the exponent field from the steady thickness; see Options.Usage or run with --help.
try
{
    var options = Options.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }
    return PowerLawRun.Execute(options);
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
