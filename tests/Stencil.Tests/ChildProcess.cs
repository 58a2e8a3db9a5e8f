using System.Diagnostics;

namespace Stencil.Tests;

/// <summary>Runs a program to its end with its output captured, killing it (and failing the test) past a time limit.</summary>
internal static class ChildProcess
{
    /// <param name="configure">Sets what the child inherits differently: environment, working directory.</param>
    public static (int ExitCode, string Output, string Errors) Run(string file, IEnumerable<string> args, TimeSpan limit, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {limit.TotalMinutes:F0} minutes.");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
