namespace Geothermal2D;

/// <summary>
/// Input that every process refuses alike (a resume with states of another process count): the
/// first process says why and all exit with code 2, none aborting the others, whose messages an
/// abort could cut off.
/// </summary>
public sealed class RefusedInputException(string message) : Exception(message);
