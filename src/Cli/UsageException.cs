namespace Sweep.Cli;

/// <summary>
/// Input the command cannot act on. Its message is one line naming the problem and the fix; the
/// command prints it and exits with code 2, with no stack trace.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
