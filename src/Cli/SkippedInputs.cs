using System.Globalization;
using Sweep.Training.Data;

namespace Sweep.Cli;

/// <summary>
/// The input files a data load passed over, each with its reason and a kind that groups reasons
/// (too large, not an image, damaged, unreadable, outside the class folders), so that a bad file
/// costs a line in the console, in sweep.json or summary.json and in the report, never the run.
/// <paramref name="Folder"/> is the folder read (empty for a built-in set); <paramref name="Examined"/>
/// counts the files looked at (0 for a built-in set, which has none).
/// </summary>
public sealed record SkippedInputs(string Folder, int Examined, IReadOnlyList<SkippedInputs.File> Files)
{
    /// <summary>One file left out: its path, <see cref="KindOf"/> its reason, and the reason.</summary>
    public sealed record File(string Path, string Kind, string Reason);

    /// <summary>What <paramref name="report"/> passed over; nothing when there is no report (the data has no files).</summary>
    public static SkippedInputs Of(ImageFolderReport? report) =>
        report is null ? new SkippedInputs("", 0, [])
            : new SkippedInputs(report.Folder, report.Loaded + report.Skipped.Count, report.Skipped.Select(file => new File(file.Path, KindOf(file.Reason), file.Reason)).ToArray());

    /// <summary>
    /// The kind of a reason written by <see cref="ImageFolder"/> and <see cref="ImageDecoding"/>:
    /// too-large (over the pixel budget or no memory for its pixels), not-an-image, unreadable,
    /// outside-classes, else damaged.
    /// </summary>
    public static string KindOf(string reason) =>
        reason.StartsWith("the image declares", StringComparison.Ordinal) || reason.StartsWith("no memory", StringComparison.Ordinal) ? "too-large"
        : reason.StartsWith("not an image", StringComparison.Ordinal) ? "not-an-image"
        : reason.StartsWith("the file could not be read", StringComparison.Ordinal) ? "unreadable"
        : reason.StartsWith("not inside a class folder", StringComparison.Ordinal) ? "outside-classes"
        : "damaged";

    /// <summary>How many files of each kind, most first (ties by name).</summary>
    public IReadOnlyList<(string Kind, int Count)> ByKind =>
        Files.GroupBy(file => file.Kind).Select(group => (group.Key, group.Count()))
            .OrderByDescending(pair => pair.Item2).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToArray();

    /// <summary>"skipped 3 of 1,203 files in pets: 2 not images, 1 too large".</summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"skipped {Files.Count:N0} of {Examined:N0} files{(Folder.Length > 0 ? " in " + Folder : "")}: ") +
        string.Join(", ", ByKind.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Count:N0} {Words(pair.Kind, pair.Count)}")));

    // A kind in words, after its count.
    private static string Words(string kind, int count) => kind switch
    {
        "too-large" => "too large",
        "not-an-image" => count == 1 ? "not an image" : "not images",
        "outside-classes" => "outside the class folders",
        _ => kind,
    };
}
