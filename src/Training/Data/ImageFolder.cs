namespace Sweep.Training.Data;

/// <summary>
/// Pictures sorted into one subfolder per class (<c>pets/cats/*.jpg</c>, <c>pets/dogs/*.jpg</c>),
/// the layout of torchvision's ImageFolder. Classes are the subfolders sorted by ordinal name (so
/// labels do not depend on the file system or the culture); a class's images are every file under
/// its subfolder, sorted by ordinal relative path. Folders whose names start with a dot are not
/// classes. Every image is decoded and cut by <see cref="ImageDecoding"/> into one float buffer,
/// normalised once, then made into the dataset's tensor in one copy.
/// A file that is not a readable image, or whose header declares more pixels than
/// <see cref="ImageFolderOptions.MaximumPixels"/>, is skipped and listed in the <see cref="ImageFolderReport"/>;
/// a folder that cannot make a classifier's data (missing, no class folders, one class, a class
/// without readable images) is a <see cref="DataException"/>.
/// </summary>
public static class ImageFolder
{
    /// <summary>Loads every image under <paramref name="folder"/>, with what was loaded and skipped.</summary>
    public static (LabelledTensors Dataset, ImageFolderReport Report) Load(string folder, ImageFolderOptions options)
    {
        if (options.Size < 1)
            throw new DataException($"the image size must be at least 1 pixel (got {options.Size}).");
        if (!Directory.Exists(folder))
            throw new DataException($"image folder {folder} does not exist; give a folder with one subfolder of images per class.");

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var (classFolders, classes) = ClassFolders(root);

        var skipped = Directory.EnumerateFiles(root)
            .Order(StringComparer.Ordinal)
            .Select(path => new ImageFolderReport.SkippedFile(path, "not inside a class folder"))
            .ToList();
        var files = classFolders
            .SelectMany((classFolder, label) => Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => (Path: path, Label: label)))
            .ToArray();

        var outcomes = new ImageDecoding.Outcome[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            index => outcomes[index] = ImageDecoding.Decode(files[index].Path, options.Size, options.Channels, options.MaximumPixels));

        var perClass = new int[classes.Length];
        var loaded = new List<(float[] Values, int Label)>();
        for (var index = 0; index < files.Length; index++)
        {
            if (outcomes[index].Values is { } values)
            {
                loaded.Add((values, files[index].Label));
                perClass[files[index].Label]++;
            }
            else
            {
                skipped.Add(new ImageFolderReport.SkippedFile(files[index].Path, outcomes[index].Problem ?? "not loaded"));
            }
        }

        var report = new ImageFolderReport(root, classes, perClass, skipped);
        if (loaded.Count == 0)
            throw new DataException($"image folder {root} has no readable images ({skipped.Count} files skipped{FirstSkip(skipped)}); add JPEG or PNG images to the class subfolders.");
        var empty = Array.IndexOf(perClass, 0);
        if (empty >= 0)
            throw new DataException($"class {classes[empty]} in image folder {root} has no readable images; add images to it or remove the subfolder.");

        return (Assemble(root, loaded, classes, options), report);
    }

    // The class subfolders in ordinal order (hidden ones left out) and their names; at least two.
    private static (string[] Folders, string[] Classes) ClassFolders(string root)
    {
        var classFolders = Directory.EnumerateDirectories(root)
            .Where(path => !Path.GetFileName(path).StartsWith('.'))
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToArray();
        var classes = classFolders.Select(path => Path.GetFileName(path)).ToArray();
        if (classes.Length == 0)
            throw new DataException($"image folder {root} has no class subfolders; put each class's images in a subfolder named after the class.");
        if (classes.Length == 1)
            throw new DataException($"image folder {root} has only one class ({classes[0]}); a classifier needs at least two class subfolders.");
        return (classFolders, classes);
    }

    private static LabelledTensors Assemble(string root, List<(float[] Values, int Label)> loaded, string[] classes, ImageFolderOptions options)
    {
        var channels = (int)options.Channels;
        var perSample = channels * options.Size * options.Size;
        var values = new float[(long)loaded.Count * perSample];
        var labels = new long[loaded.Count];
        for (var sample = 0; sample < loaded.Count; sample++)
        {
            loaded[sample].Values.CopyTo(values, (long)sample * perSample);
            labels[sample] = loaded[sample].Label;
        }

        var applied = options.Normalisation.Apply(values, channels, options.Size * options.Size);
        return LabelledTensors.FromBuffers(Path.GetFileName(root), values, [channels, options.Size, options.Size], labels, classes, applied);
    }

    private static string FirstSkip(List<ImageFolderReport.SkippedFile> skipped) =>
        skipped.Count == 0 ? "" : $", e.g. {Path.GetFileName(skipped[0].Path)}: {skipped[0].Reason}";
}
