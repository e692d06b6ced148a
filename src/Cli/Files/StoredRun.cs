using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// What a sweep folder holds for one cell: nothing, a run that belongs there, or a file that must
/// not be used (unreadable, from another schema or configuration, of another cell than its name
/// says, or changed since it was written) with why.
/// </summary>
public abstract record StoredRun
{
    private StoredRun() { }

    /// <summary>No file for the cell.</summary>
    public sealed record Missing : StoredRun;

    /// <summary>A file that belongs to this cell and configuration, unchanged since it was written.</summary>
    public sealed record Valid(RunResult Result) : StoredRun;

    /// <summary>A file that must be redone; <paramref name="Reason"/> completes "PATH ...".</summary>
    public sealed record Invalid(string Path, string Reason) : StoredRun
    {
        /// <summary>One line naming the file and what is wrong with it.</summary>
        public string Describe() => $"{Path} {Reason}";
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/>, which should hold <paramref name="cell"/>'s run made
    /// with the configuration of <paramref name="fingerprint"/>. The checks run in this order: readable,
    /// schema, checksum, fingerprint, cell; the first that fails is the reason.
    /// </summary>
    public static StoredRun Inspect(string path, SweepCell cell, string fingerprint)
    {
        if (!File.Exists(path)) return new Missing();
        RunFile file;
        try
        {
            file = RunFile.Read(path);
        }
        catch (InvalidDataException error)
        {
            // The message starts with the path; the reason is the rest.
            return new Invalid(path, error.Message.StartsWith(path, StringComparison.Ordinal) ? error.Message[(path.Length + 1)..] : error.Message);
        }

        var reason = Problem(file, cell, fingerprint);
        return reason is null ? new Valid(file.ToResult()) : new Invalid(path, reason);
    }

    private static string? Problem(RunFile file, SweepCell cell, string fingerprint) =>
        file.Schema != RunFile.SchemaVersion ? $"has schema {file.Schema}, not {RunFile.SchemaVersion} (written by another version of sweep)"
        : file.Checksum != file.ExpectedChecksum() ? "does not match its checksum (edited or damaged since it was written)"
        : file.Fingerprint != fingerprint ? "was made with another configuration than this folder's (its fingerprint differs from config.json's)"
        : file.BatchSize != cell.BatchSize || file.Seed != cell.Seed ? $"holds the run of {new SweepCell(file.BatchSize, file.Seed).Key}, not of {cell.Key} as its name says"
        : null;
}
