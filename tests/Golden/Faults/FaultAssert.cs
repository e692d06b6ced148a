using System.Security.Cryptography;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// What every refused input and every fault must look like: the documented exit code (2 bad input,
/// 1 failure at run time, 130 interrupted), exactly one line on stderr starting "sweep: " that
/// names the thing (an option, a file, a path), no stack trace, and the output folder absent or
/// byte for byte as it was, with no temporary file left in it.
/// </summary>
internal static class FaultAssert
{
    /// <summary>Every file under <paramref name="folder"/> by relative path with the SHA-256 of its content; null when the folder does not exist.</summary>
    public static IReadOnlyDictionary<string, string>? Snapshot(string folder) =>
        !Directory.Exists(folder) ? null
        : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetRelativePath(folder, path), Hash);

    // Streamed, so that a hostile file of a gigabyte costs no gigabyte here either.
    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Asserts the outcome of an in-process run.</summary>
    public static void Refused(Outcome outcome, int exitCode, string fragment) =>
        OneLine(outcome.ExitCode, outcome.Error, exitCode, fragment);

    /// <summary>Asserts an exit code and stderr of one "sweep: " line containing <paramref name="fragment"/>, without a trace.</summary>
    public static void OneLine(int actualCode, string error, int exitCode, string fragment)
    {
        Assert.False(error.Contains("Unhandled exception", StringComparison.Ordinal), error);
        Assert.False(error.Contains("   at ", StringComparison.Ordinal), error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {error}");
        Assert.StartsWith("sweep: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
        Assert.True(actualCode == exitCode, $"exit code {actualCode}, expected {exitCode}: {lines[0]}");
    }

    /// <summary>The folder is as <paramref name="before"/> recorded it (absent, or absent apart from an empty folder, when it was absent).</summary>
    public static void Unchanged(string folder, IReadOnlyDictionary<string, string>? before)
    {
        var after = Snapshot(folder);
        if (before is null)
            Assert.True(after is null || after.Count == 0, $"{folder} was written to: {string.Join(", ", after?.Keys ?? [])}");
        else
            Assert.Equal(before, after);
    }

    /// <summary>No temporary file of an atomic write is left anywhere under <paramref name="folder"/>.</summary>
    public static void NoTemporaryFiles(string folder)
    {
        if (Directory.Exists(folder))
            Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }
}
