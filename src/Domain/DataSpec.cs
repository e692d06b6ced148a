namespace Sweep.Domain;

/// <summary>The colour channels images are brought to.</summary>
public enum Channels
{
    /// <summary>One grey channel.</summary>
    Grey = 1,

    /// <summary>Red, green and blue.</summary>
    Rgb = 3,
}

/// <summary>
/// What a range test trains on, as closed cases: a built-in dataset by name, or a folder with one
/// subfolder of images per class. Built only by <see cref="Specification.Validate"/>, which knows
/// the names and has been told (by the shell) which folders exist.
/// </summary>
public abstract record DataSpec
{
    private DataSpec() { }

    /// <summary>The names of the built-in datasets.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["fashion-mnist", "fashion-mnist-train", "digits", "blobs", "sneakers-and-boots"];

    /// <summary>A built-in dataset, one of <see cref="BuiltInNames"/>.</summary>
    public sealed record BuiltInCase : DataSpec
    {
        internal BuiltInCase(string name) => Name = name;

        /// <summary>Lower case, one of <see cref="BuiltInNames"/>.</summary>
        public string Name { get; }
    }

    /// <summary>A folder of class subfolders, by its full path.</summary>
    public sealed record ImageFolderCase : DataSpec
    {
        internal ImageFolderCase(string path) => Path = path;

        /// <summary>The folder's full path.</summary>
        public string Path { get; }
    }
}

/// <summary>
/// The square images are resized and centre-cropped to, and their channels: set for image folders
/// and for any data a pretrained body reads (which is RGB); absent for a built-in set trained from
/// scratch, whose samples keep their own shape.
/// </summary>
/// <param name="Side">Pixels per side, 1..<see cref="Specification.MaximumImageSide"/>.</param>
/// <param name="Channels">Grey or RGB.</param>
public sealed record ImageInput(int Side, Channels Channels);
