using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Files;

/// <summary>
/// The identity of an experiment and of a file's content: SHA-256 (lower-case hex) of a canonical
/// text. An experiment's canonical text is its structured specification, compact, without the
/// weights' path (<see cref="SpecificationJson.Canonical"/>): two experiments share a fingerprint
/// exactly when every value is equal (batch sizes and seeds are no part of it).
/// </summary>
public static class Fingerprint
{
    /// <summary>The key config.json records the fingerprint under.</summary>
    public const string Key = "fingerprint";

    /// <summary>fingerprint = SHA-256(UTF-8(canonical JSON of the specification)).</summary>
    public static string Of(JsonObject specification) => OfText(SpecificationJson.Canonical(specification));

    /// <summary>SHA-256 of a text's UTF-8 bytes.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>SHA-256 of a file's bytes, read as a stream so that large weights need no buffer of their size.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
