namespace Sweep.Training.Models;

/// <summary>
/// A model name the catalogue does not know. Its own type so that the command line can report it as
/// a usage error (with the names it could have used) rather than as a crash.
/// </summary>
public sealed class UnknownModelException(string name, IReadOnlyList<string> knownNames)
    : ArgumentException($"Unknown model '{name}'; known models: {string.Join(", ", knownNames)}.")
{
    /// <summary>The name that was asked for.</summary>
    public string Name { get; } = name;

    /// <summary>The names the catalogue knows.</summary>
    public IReadOnlyList<string> KnownNames { get; } = knownNames;
}
