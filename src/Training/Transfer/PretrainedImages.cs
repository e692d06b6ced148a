using Sweep.Domain;
using Sweep.Training.Data;

namespace Sweep.Training.Transfer;

/// <summary>The images a pretrained body reads, from the spec's data.</summary>
public static class PretrainedImages
{
    /// <summary>The side the shipped 28×28 sets are upscaled to when none is asked for (224 would take 6 GB for Fashion-MNIST).</summary>
    public const int BuiltInSide = 64;

    /// <summary>
    /// <paramref name="data"/> as RGB squares of <paramref name="input"/>'s side, normalised for
    /// <paramref name="backbone"/>. Folders (and the shipped image-folder demo) load as RGB; the
    /// built-in greyscale sets are upscaled to RGB when a feature row is missing, not before
    /// (Fashion-MNIST's pixels are 0..255, the digits' 0..16). Other data is a <see cref="DataException"/>.
    /// </summary>
    public static TransferInputs Load(DataSpec data, ImageInput? input, Backbone backbone, string? dataFolder = null)
    {
        var name = data is DataSpec.BuiltInCase builtIn ? builtIn.Name : null;
        var folder = data switch
        {
            DataSpec.ImageFolderCase imageFolder => imageFolder.Path,
            _ => DataCatalogue.ImageFolderOf(name!, dataFolder),
        };
        if (folder is not null)
            return TransferInputs.Prepared(TransferImages.LoadFolder(folder, backbone, input?.Side), owned: true);
        var raw = name!.Trim().ToLowerInvariant() switch
        {
            "fashion-mnist" => FashionMnist.LoadTest(Normalisation.None, dataFolder),
            "digits" => Digits.Load(Normalisation.Scaled(Digits.MaximumPixel / 255.0), dataFolder),
            _ => throw new DataException($"a pretrained model reads images: use --data fashion-mnist, digits or an image folder, not {name}."),
        };
        try
        {
            return TransferInputs.FromGreyscale(raw, input?.Side ?? BuiltInSide, backbone.Normalisation);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }
}
