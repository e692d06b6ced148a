namespace Sweep.Training.Data;

/// <summary>
/// Where the data that ships with Sweep lies: a folder named <c>data</c> holding
/// <c>fashion-mnist/</c> or <c>digits/</c>. Found by walking up from the program's own folder
/// (so a build output under the source tree, and tests, use the tree's single copy instead of
/// copying it around), unless a path is given.
/// </summary>
public static class DataFolder
{
    /// <summary>The folder name looked for on the way up.</summary>
    public const string Name = "data";

    /// <summary>Subfolders that mark a data folder as Sweep's.</summary>
    public static IReadOnlyList<string> Markers { get; } = ["fashion-mnist", "digits"];

    /// <summary>
    /// <paramref name="explicitPath"/> when given (it must exist), otherwise the nearest data folder
    /// at or above <paramref name="startFrom"/> (default: <see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    public static string Find(string? explicitPath = null, string? startFrom = null)
    {
        if (explicitPath is not null)
            return Directory.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new DataException($"data folder {explicitPath} does not exist; give the folder that holds fashion-mnist/ and digits/.");

        var start = startFrom ?? AppContext.BaseDirectory;
        return Search(start)
            ?? throw new DataException($"no data folder (data/ with {string.Join(" or ", Markers.Select(marker => marker + "/"))}) at or above {start}; give the data folder explicitly.");
    }

    /// <summary>The nearest data folder at or above <paramref name="startFrom"/>, or null when there is none.</summary>
    public static string? Search(string startFrom)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(startFrom)); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, Name);
            if (Markers.Any(marker => Directory.Exists(Path.Combine(candidate, marker))))
                return candidate;
        }

        return null;
    }
}
