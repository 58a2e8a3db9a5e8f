namespace Stencil;

/// <summary>
/// Input that a run refuses before its work starts, the same way on every process (a saved state of
/// another run, a resume on another number of processes). The message says what to do; a command
/// line reports it once and exits with code 2, and no process aborts the others, whose messages an
/// abort could cut short.
/// </summary>
public sealed class RefusedInputException(string message) : Exception(message);
