namespace Sweep.Training.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 28×28 greyscale images of 10 kinds of clothing,
/// as gzipped IDX files. Sweep ships the 10,000-image test split in data/fashion-mnist/; Debian's
/// package dataset-fashion-mnist installs both splits in <see cref="DebianFolder"/>, and
/// <see cref="TrainWhenPresent"/> prefers its 60,000-image train split when it is there.
/// Default inputs: pixels scaled to [0, 1], then standardised by the dataset's single mean and
/// standard deviation (<see cref="DefaultNormalisation"/>).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts its four files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The subfolder of the data folder that holds the shipped split.</summary>
    public const string ShippedSubfolder = "fashion-mnist";

    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Pixels / 255, then standardised by the data's own mean and standard deviation.</summary>
    public static Normalisation DefaultNormalisation { get; } = Normalisation.Standardised(255);

    /// <summary>One split's pair of files.</summary>
    public sealed record Files(string Split, string Images, string Labels);

    /// <summary>The test split shipped in the data folder (<see cref="DataFolder.Find"/>).</summary>
    public static Files ShippedTest(string? dataFolder = null) => Split(Path.Combine(DataFolder.Find(dataFolder), ShippedSubfolder), "test", "t10k");

    /// <summary>The train split in <paramref name="folder"/> (Debian's by default), or null unless both of its files are there.</summary>
    public static Files? Train(string folder = DebianFolder)
    {
        var files = Split(folder, "train", "train");
        return File.Exists(files.Images) && File.Exists(files.Labels) ? files : null;
    }

    /// <summary>The train split from <paramref name="trainFolder"/> when it is there, otherwise the shipped test split.</summary>
    public static Files TrainWhenPresent(string? dataFolder = null, string trainFolder = DebianFolder) =>
        Train(trainFolder) ?? ShippedTest(dataFolder);

    /// <summary>The shipped test split as a dataset.</summary>
    public static LabelledTensors LoadTest(Normalisation? normalisation = null, string? dataFolder = null) =>
        Load(ShippedTest(dataFolder), normalisation);

    /// <summary>The train split when it is installed, otherwise the shipped test split, as a dataset.</summary>
    public static LabelledTensors LoadTrainWhenPresent(Normalisation? normalisation = null, string? dataFolder = null, string trainFolder = DebianFolder) =>
        Load(TrainWhenPresent(dataFolder, trainFolder), normalisation);

    /// <summary>
    /// One split as a dataset: images [N, 1, 28, 28] float32, labels [N] int64. The image file must
    /// hold N×28×28 bytes, the label file N labels in 0..9.
    /// </summary>
    public static LabelledTensors Load(Files files, Normalisation? normalisation = null) => Decode(files, normalisation).ToTensors();

    /// <summary>
    /// One split decoded and standardised as <see cref="Load"/> does, short of its tensors, so it
    /// needs no libtorch. <paramref name="filesRead"/> is called once both files are read (or their
    /// reading failed): what follows is arithmetic and gunzipping, no other file.
    /// </summary>
    public static Decoded Decode(Files files, Normalisation? normalisation = null, Action? filesRead = null)
    {
        byte[] storedImages, storedLabels;
        try
        {
            (storedImages, storedLabels) = (IdxFile.ReadBytes(files.Images), IdxFile.ReadBytes(files.Labels));
        }
        finally
        {
            filesRead?.Invoke();
        }

        var images = IdxFile.Decode(storedImages, files.Images, rank: 3);
        var labels = IdxFile.Decode(storedLabels, files.Labels, rank: 1);
        if (images.Sizes[1] != Side || images.Sizes[2] != Side)
            throw new DataException($"{files.Images} holds {images.Sizes[1]}×{images.Sizes[2]} images, expected {Side}×{Side}; is it a Fashion-MNIST image file?");
        if (images.Sizes[0] != labels.Sizes[0])
            throw new DataException($"{files.Images} holds {images.Sizes[0]} images but {files.Labels} holds {labels.Sizes[0]} labels; use the two files of one split.");
        var badLabel = Array.FindIndex(labels.Values, label => label >= ClassNames.Count);
        if (badLabel >= 0)
            throw new DataException($"{files.Labels} has label {labels.Values[badLabel]} at position {badLabel}, outside 0..{ClassNames.Count - 1}; replace the file.");

        var values = new float[images.Values.Length];
        for (var i = 0; i < values.Length; i++) values[i] = images.Values[i];
        var applied = (normalisation ?? DefaultNormalisation).Apply(values, channels: 1, planeSize: Side * Side);
        return new Decoded(files.Split, values, Array.ConvertAll(labels.Values, label => (long)label), applied);
    }

    /// <summary>A split's standardised pixels [N·28·28] and labels [N], not yet tensors.</summary>
    public sealed record Decoded(string Split, float[] Values, long[] Labels, AppliedNormalisation Normalisation)
    {
        /// <summary>The split as a dataset (images [N, 1, 28, 28] float32, labels [N] int64).</summary>
        public LabelledTensors ToTensors() =>
            LabelledTensors.FromBuffers($"Fashion-MNIST {Split}", Values, [1, Side, Side], Labels, ClassNames, Normalisation);
    }

    private static Files Split(string folder, string split, string prefix) =>
        new(split, Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"));
}
