namespace Sweep.Training.Data;

/// <summary>
/// What <see cref="ImageFolder"/> found: the classes in label order, how many images of each it
/// loaded, and every file it passed over with the reason, so that a bad file costs a line in the
/// report rather than the run.
/// </summary>
public sealed record ImageFolderReport(string Folder, IReadOnlyList<string> Classes, IReadOnlyList<int> ImagesPerClass, IReadOnlyList<ImageFolderReport.SkippedFile> Skipped)
{
    /// <summary>A file that was not loaded, and why.</summary>
    public sealed record SkippedFile(string Path, string Reason);

    /// <summary>The number of images loaded, over all classes.</summary>
    public int Loaded => ImagesPerClass.Sum();

    /// <summary>A one-line summary, for reports.</summary>
    public override string ToString() =>
        $"{Folder}: {Loaded} images in {Classes.Count} classes ({string.Join(", ", Classes.Zip(ImagesPerClass, (name, count) => $"{name} {count}"))}), {Skipped.Count} files skipped";
}
