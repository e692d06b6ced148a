using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sweep.Cli.Files;

/// <summary>
/// The identity of a configuration and of a file's content: SHA-256 (lower-case hex) of a canonical
/// text. A configuration's canonical text is its key/value pairs as one JSON object in their fixed
/// order, so two configurations share a fingerprint exactly when every pair is equal.
/// </summary>
public static class Fingerprint
{
    /// <summary>The key config.json records the fingerprint under.</summary>
    public const string Key = "fingerprint";

    /// <summary>fingerprint = SHA-256(UTF-8(JSON of the pairs)).</summary>
    public static string Of(IReadOnlyList<KeyValuePair<string, string>> configuration) =>
        OfText(JsonSerializer.Serialize(configuration.ToDictionary(pair => pair.Key, pair => pair.Value), RunFile.Json));

    /// <summary>SHA-256 of a text's UTF-8 bytes.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>SHA-256 of a file's bytes, read as a stream so that large weights need no buffer of their size.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
