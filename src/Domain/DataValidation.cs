using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// The checks of what a request trains on: --data names a built-in set or an existing folder (the
/// shell says which folders exist), a pretrained body reads images, and --image-size and --channels
/// apply only where images are resized (image folders and pretrained bodies; a pretrained body is
/// always RGB).
/// </summary>
public static class DataValidation
{
    /// <summary>The dataset when none is named.</summary>
    public const string DefaultData = "fashion-mnist";

    /// <summary>Image side for folders trained from scratch, for folders read by a pretrained body, and for built-in sets upscaled for one.</summary>
    public const int DefaultSide = 28, DefaultPretrainedFolderSide = 224, DefaultPretrainedBuiltInSide = 64;

    /// <summary>Built-in sets that are folders of images (resized like any folder).</summary>
    public static IReadOnlyList<string> FolderBuiltIns { get; } = ["sneakers-and-boots"];

    /// <summary>Built-in sets a pretrained body can read (images, not tabular samples).</summary>
    public static IReadOnlyList<string> PretrainedBuiltIns { get; } = ["fashion-mnist", "digits", "sneakers-and-boots"];

    /// <summary>The data, or why it cannot be: an unknown name, or tabular data for a pretrained body.</summary>
    internal static Validation<Problem, DataSpec> Data(ExperimentRequest request, ExperimentFacts facts, bool pretrained)
    {
        var given = request.Data ?? DefaultData;
        var name = given.Trim().ToLowerInvariant();
        if (DataSpec.BuiltInNames.Contains(name))
            return pretrained && !PretrainedBuiltIns.Contains(name)
                ? Fail<Problem, DataSpec>(new Problem("a pretrained model reads images:", $"use --data {string.Join(", ", PretrainedBuiltIns.Take(2))} or an image folder, not {given}"))
                : Success<Problem, DataSpec>(new DataSpec.BuiltInCase(name));
        return facts.DataFolder is { } folder
            ? Success<Problem, DataSpec>(new DataSpec.ImageFolderCase(folder))
            : Fail<Problem, DataSpec>(new Problem($"--data: unknown dataset '{given}':", $"not a built-in ({string.Join(", ", DataSpec.BuiltInNames)}) and no such folder",
                Fix: "give a built-in name or a folder with one subfolder of images per class"));
    }

    /// <summary>
    /// The square images become, or none for a built-in set trained from scratch; every option given
    /// where it does not apply is a problem. Unknown data judges only the values themselves.
    /// </summary>
    internal static Validation<Problem, Option<ImageInput>> Input(ExperimentRequest request, ExperimentFacts facts, bool pretrained)
    {
        var name = (request.Data ?? DefaultData).Trim().ToLowerInvariant();
        var builtIn = DataSpec.BuiltInNames.Contains(name);
        var resized = pretrained || FolderBuiltIns.Contains(name) || (!builtIn && facts.DataFolder is not null);
        var unknown = !builtIn && facts.DataFolder is null;
        var side = Side(request.ImageSize, pretrained && !builtIn ? DefaultPretrainedFolderSide : pretrained ? DefaultPretrainedBuiltInSide : DefaultSide);
        var channels = Channels(request.Channels);
        var sizeApplies = request.ImageSize is null || resized || unknown
            ? Success<Problem, Unit>(unit)
            : Fail<Problem, Unit>(OptionProblem.Inapplicable("--image-size", "image folders and pretrained models", $"the built-in set {name} trained from scratch"));
        var channelsApply = request.Channels is null || unknown || (resized && !pretrained)
            ? Success<Problem, Unit>(unit)
            : Fail<Problem, Unit>(pretrained
                ? OptionProblem.Inapplicable("--channels", "image folders trained from scratch", "a pretrained model (it always reads RGB)")
                : OptionProblem.Inapplicable("--channels", "image folders", $"the built-in set {name}"));
        return (side, channels, sizeApplies, channelsApply).Apply((pixels, colours, _, _) =>
            resized ? Some(new ImageInput(pixels, pretrained ? Domain.Channels.Rgb : colours)) : None);
    }

    private static Validation<Problem, int> Side(int? given, int fallback) =>
        OptionProblem.Count("--image-size", given, fallback, 1, Specification.MaximumImageSide);

    private static Validation<Problem, Channels> Channels(string? given) =>
        (given ?? "grey").Trim().ToLowerInvariant() switch
        {
            "grey" or "gray" or "1" => Domain.Channels.Grey,
            "rgb" or "3" => Domain.Channels.Rgb,
            _ => new Problem("--channels", "must be grey or rgb", $"'{given}'"),
        };
}
