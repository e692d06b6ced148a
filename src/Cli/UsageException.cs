namespace Sweep.Cli;

/// <summary>
/// Input the command cannot act on. Its message is one line naming the problem and the fix; the
/// command prints it and exits with code 2, with no stack trace.
/// </summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>"unknown KIND 'GIVEN'; known KINDs: A, B, C." — the one message for every name the command does not know.</summary>
    public static UsageException Unknown(string kind, string given, IEnumerable<string> known) =>
        new($"unknown {kind} '{given}'; known {kind}s: {string.Join(", ", known)}.");
}
