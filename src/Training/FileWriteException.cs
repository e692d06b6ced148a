namespace Sweep.Training;

/// <summary>
/// A file that could not be written: the target path and the cause in words ("no space left on
/// device", "read-only file system", "permission denied"), never the temporary file's name.
/// Message: "cannot write PATH: CAUSE". An <see cref="IOException"/>, so callers that handle I/O
/// failures in general still do.
/// </summary>
public sealed class FileWriteException(string path, string cause, Exception inner)
    : IOException($"cannot write {path}: {cause}", inner)
{
    /// <summary>The file that was to be written.</summary>
    public string FilePath { get; } = path;

    /// <summary>Why it could not be, in words.</summary>
    public string Cause { get; } = cause;

    /// <summary>
    /// The cause of an I/O failure in words. On Unix .NET puts the errno in an IOException's HResult
    /// (28 ENOSPC, 30 EROFS, 13 EACCES, 1 EPERM, 20 ENOTDIR, 36 ENAMETOOLONG, 122 EDQUOT); anything else keeps
    /// the runtime's message without the path it appends (" : 'PATH'").
    /// </summary>
    public static string CauseOf(Exception error, string? path = null) => error switch
    {
        FileWriteException written => written.Cause,
        DirectoryNotFoundException when path is not null && FileAbove(path) is { } file => $"{file} is a file, not a folder",
        PathTooLongException => "the path is too long",
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: 28 } => "no space left on device",
        IOException { HResult: 122 } => "disk quota exceeded",
        IOException { HResult: 30 } => "read-only file system",
        IOException { HResult: 13 or 1 } => "permission denied",
        IOException { HResult: 20 } => "a part of the path is a file, not a folder",
        IOException { HResult: 36 } => "the path is too long",
        _ => Lowered(error.Message.Split(" : '")[0].Split('\n')[0].TrimEnd('.')),
    };

    // The nearest existing ancestor of a path that could not be made, when it is a file (.NET reports ENOTDIR as "could not find a part of the path").
    private static string? FileAbove(string path)
    {
        for (var at = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at)) return at;
            if (Directory.Exists(at)) return null;
        }

        return null;
    }

    private static string Lowered(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
