using Geothermal2D;

// Geothermal inversion of REFERENCE.md §4.1; see Options.Usage or run with --help.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
return GeothermalRun.Execute(options);
