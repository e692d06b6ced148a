using Sweep.Domain;
using Sweep.Training.Models;

namespace Sweep.Training.Data;

/// <summary>What a data name or path resolves to: the dataset and its input shape.</summary>
public sealed record LoadedData(LabelledTensors Dataset, ImageShape Shape, ImageFolderReport? Report) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Dataset.Dispose();
}

/// <summary>
/// The built-in datasets by name, and image folders by path. Built-ins:
/// <list type="bullet">
/// <item>fashion-mnist: the shipped test split, 10,000 images 28×28, pixels/255 then standardised by the split's single mean and standard deviation.</item>
/// <item>fashion-mnist-train: Debian's 60,000-image train split (package dataset-fashion-mnist), same normalisation.</item>
/// <item>digits: the 1,797 8×8 digits, pixels/16 then standardised.</item>
/// <item>blobs: 2,048 seeded Gaussian clusters in 32 dimensions, 4 classes: a fast synthetic problem.</item>
/// <item>sneakers-and-boots: the shipped image-folder demo, 1,200 PNGs (600 sneakers, 600 ankle boots from the Fashion-MNIST test split), loaded as any image folder.</item>
/// </list>
/// Anything else is taken as a folder of class subfolders.
/// </summary>
public static class DataCatalogue
{
    /// <summary>The built-in names.</summary>
    public static IReadOnlyList<string> Names => DataSpec.BuiltInNames;

    /// <summary>The name of the shipped image-folder demo, and its subfolder of the data folder.</summary>
    public const string SneakersAndBoots = "sneakers-and-boots";

    /// <summary>The subfolder of <see cref="SneakersAndBoots"/> holding one folder per class (its README and LICENSE sit above it).</summary>
    public const string SneakersAndBootsImages = "images";

    /// <summary>One line per built-in, for listings.</summary>
    public static IReadOnlyList<string> Descriptions { get; } =
    [
        "fashion-mnist        10,000 28x28 greyscale images, 10 classes (shipped test split)",
        "fashion-mnist-train  60,000 28x28 images, 10 classes (Debian package dataset-fashion-mnist)",
        "digits               1,797 8x8 greyscale digits, 10 classes (shipped)",
        "blobs                2,048 synthetic Gaussian clusters, 32 features, 4 classes",
        "sneakers-and-boots   1,200 28x28 PNGs in class folders, sneaker and ankle-boot (shipped image-folder demo)",
    ];

    /// <summary>
    /// Loads <paramref name="nameOrFolder"/>. Image folders become <paramref name="imageSize"/>-pixel
    /// squares with <paramref name="channels"/> channels. Throws <see cref="DataException"/> with a
    /// one-line message for a name that is neither built in nor an existing folder.
    /// </summary>
    public static LoadedData Load(string nameOrFolder, int imageSize = 28, ImageChannels channels = ImageChannels.Grey, string? dataFolder = null)
    {
        switch (nameOrFolder.Trim().ToLowerInvariant())
        {
            case "fashion-mnist":
                return Shaped(FashionMnist.LoadTest(dataFolder: dataFolder));
            case "fashion-mnist-train":
                if (FashionMnist.Train() is not { } files)
                    throw new DataException($"fashion-mnist-train needs Debian's full Fashion-MNIST in {FashionMnist.DebianFolder}; install it with 'apt-get install dataset-fashion-mnist', or use --data fashion-mnist.");
                return Shaped(FashionMnist.Load(files));
            case "digits":
                return Shaped(Digits.Load(Digits.Standardised, dataFolder));
            case "blobs":
                return Shaped(Blobs.Make(2048, 32, 4, seed: 20_18));
        }

        if (ImageFolderOf(nameOrFolder, dataFolder) is not { } folder)
            throw new DataException($"unknown dataset '{nameOrFolder}': not a built-in ({string.Join(", ", Names)}) and no such folder; give a built-in name or a folder with one subfolder per class.");
        var (dataset, report) = ImageFolder.Load(folder, new ImageFolderOptions(imageSize, channels));
        return new LoadedData(dataset, new ImageShape((int)channels, imageSize, imageSize), report);
    }

    /// <summary>
    /// Loads the spec's data: a built-in by name, a folder by its path. Image folders become squares
    /// of <paramref name="input"/>'s side and channels (null: 28 pixels, grey). Throws
    /// <see cref="DataException"/> as <see cref="Load(string, int, ImageChannels, string?)"/> does.
    /// </summary>
    public static LoadedData Load(DataSpec data, ImageInput? input, string? dataFolder = null)
    {
        var (side, channels) = input is null ? (28, ImageChannels.Grey) : (input.Side, ChannelsOf(input.Channels));
        return data switch
        {
            DataSpec.BuiltInCase builtIn => Load(builtIn.Name, side, channels, dataFolder),
            DataSpec.ImageFolderCase folder => Load(folder.Path, side, channels, dataFolder),
            _ => throw new InvalidOperationException("unreachable: DataSpec is closed"),
        };
    }

    /// <summary>
    /// Starts loading <paramref name="data"/> so that the caller can load libtorch meanwhile; the
    /// function returned finishes the load (its tensors need libtorch) and returns what
    /// <see cref="Load(DataSpec, ImageInput?, string?)"/> would. The shipped Fashion-MNIST is read
    /// here and decoded on a second thread: libtorch's load holds the C library's loader lock for
    /// 0.4 s, which any thread binding a native function waits for, so the files are read and
    /// gunzip's functions bound before this returns; decoding is then plain arithmetic. Other data
    /// load when the function is called.
    /// </summary>
    public static Func<LoadedData> StartLoading(DataSpec data, ImageInput? input, string? dataFolder = null)
    {
        if (data is not DataSpec.BuiltInCase builtIn || !builtIn.Name.Trim().Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase))
            return () => Load(data, input, dataFolder);
        var files = FashionMnist.ShippedTest(dataFolder);
        IdxFile.Decode(GzippedIdxOfOneByte(), "a gzip round trip", rank: 1);
        // Set by the decoding thread before Wait returns, so it may be disposed when this returns.
        using var read = new ManualResetEventSlim();
        var decoding = Task.Factory.StartNew(() => FashionMnist.Decode(files, filesRead: read.Set), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        read.Wait();
        return () => Shaped(decoding.GetAwaiter().GetResult().ToTensors());
    }

    // An IDX file of one unsigned byte (magic 0x00000801, one size of 1, the value 0), gzipped.
    private static byte[] GzippedIdxOfOneByte()
    {
        using var zipped = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(zipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write([0, 0, 8, 1, 0, 0, 0, 1, 0]);
        return zipped.ToArray();
    }

    /// <summary>The loader's channels for the spec's.</summary>
    public static ImageChannels ChannelsOf(Channels channels) => channels == Channels.Rgb ? ImageChannels.Rgb : ImageChannels.Grey;

    /// <summary>
    /// The folder of class subfolders that <paramref name="nameOrFolder"/> stands for: the shipped
    /// demo's for its name, the folder itself when it exists, otherwise null.
    /// </summary>
    public static string? ImageFolderOf(string nameOrFolder, string? dataFolder = null) =>
        nameOrFolder.Trim().Equals(SneakersAndBoots, StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(DataFolder.Find(dataFolder), SneakersAndBoots, SneakersAndBootsImages)
            : Directory.Exists(nameOrFolder) ? nameOrFolder : null;

    // Tabular data [N, F] is shown to the models as F×1 "images" of one channel: the MLP flattens either way.
    private static LoadedData Shaped(LabelledTensors dataset)
    {
        var shape = dataset.SampleShape;
        var image = shape.Length switch
        {
            1 => new ImageShape(1, 1, (int)shape[0]),
            3 => new ImageShape((int)shape[0], (int)shape[1], (int)shape[2]),
            _ => throw new DataException($"dataset {dataset.Name} has samples of shape [{string.Join(",", shape)}]; expected [C,H,W] or [F]."),
        };
        return new LoadedData(dataset, image, null);
    }
}
