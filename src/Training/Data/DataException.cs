namespace Sweep.Training.Data;

/// <summary>
/// Data that cannot be loaded as asked: a missing folder, a file that is not what its name says,
/// a folder with nothing to learn from. The message is one line that names the problem and what
/// to do about it, so the command can print it as it is.
/// </summary>
public sealed class DataException : Exception
{
    /// <summary>A data problem described in one line (line breaks are folded into spaces).</summary>
    public DataException(string message)
        : base(OneLine(message))
    {
    }

    /// <summary>A data problem caused by a lower-level failure (an I/O or decompression error).</summary>
    public DataException(string message, Exception inner)
        : base(OneLine(message), inner)
    {
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
