using System.Globalization;
using System.Text;

namespace Sweep.Cli;

/// <summary>
/// @FILE arguments checked before the parser expands them: System.CommandLine reads a response file
/// whole and expands the @FILE tokens inside it without bound, so a file of a gigabyte would be read
/// into memory, a folder would end in an unhandled exception and a file that names itself in a stack
/// overflow. Each file named (and each it names in turn, up to <see cref="MaximumDepth"/> deep) must
/// be a file of text of at most <see cref="MaximumBytes"/>, and none may name one already being read.
/// A missing file is left to the parser's own message.
/// </summary>
public static class ResponseFiles
{
    /// <summary>The largest response file read: 1 MB of arguments.</summary>
    public const int MaximumBytes = 1 << 20;

    /// <summary>How deep response files may name response files.</summary>
    public const int MaximumDepth = 8;

    /// <summary>What is wrong with the response files of <paramref name="args"/> (one line naming the file, the rule and a fix), or null.</summary>
    public static string? Problem(IReadOnlyList<string> args) =>
        Problem(args.TakeWhile(arg => arg != "--"), []);

    private static string? Problem(IEnumerable<string> tokens, IReadOnlyList<string> reading)
    {
        foreach (var token in tokens.Where(token => token.Length > 1 && token[0] == '@'))
        {
            var (path, named) = (Path.GetFullPath(token[1..]), token[1..]);
            if (Directory.Exists(path)) return $"response file '{named}' is a folder; an @FILE argument names a file of arguments, one or more a line.";
            if (!File.Exists(path)) continue;
            if (reading.Contains(path)) return $"response file '{named}' names itself through @FILE ({string.Join(" -> ", reading.Append(path).Select(Path.GetFileName))}); remove the @{named} line.";
            if (reading.Count >= MaximumDepth) return $"response file '{named}' is nested more than {MaximumDepth} deep; put the arguments in fewer files.";
            var text = Text(path, named, out var problem);
            if (problem is not null) return problem;
            var inner = Problem(text!.Split('\n').SelectMany(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), [.. reading, path]);
            if (inner is not null) return inner;
        }

        return null;
    }

    // The file's text, or why it is no response file: too large, unreadable, not text.
    private static string? Text(string path, string named, out string? problem)
    {
        problem = null;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaximumBytes)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"response file '{named}' is {Sweep.Domain.ModelMemory.Show(length)}, more than the {MaximumBytes >> 20} MB a file of arguments may be; is it the file you meant? Give the arguments themselves in a smaller file.");
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Contains((byte)0)) throw new DecoderFallbackException();
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problem = $"response file '{named}' is not a text file (it holds bytes that are not UTF-8 text); an @FILE argument names a file of arguments, one or more a line.";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = $"response file '{named}' cannot be read ({error.Message.TrimEnd('.')}); check its permissions.";
        }

        return null;
    }
}
