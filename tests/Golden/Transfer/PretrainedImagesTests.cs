using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Transfer;
using Xunit;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// What a pretrained body reads, from the spec's data: the greyscale built-ins become RGB squares
/// only when a row needs them, an image folder loads as RGB at the asked side, and data that is not
/// images is refused in one line.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PretrainedImagesTests
{
    private static readonly string DataFolder = Path.Combine(ReferenceData.RepositoryRoot, "data");

    [Fact]
    public void Data_without_images_is_refused_in_one_line()
    {
        var error = Assert.Throws<DataException>(() => PretrainedImages.Load(Specs.BuiltIn("blobs"), new ImageInput(32, Channels.Rgb), BundledResNet.Backbone, DataFolder));

        Assert.Equal("a pretrained model reads images: use --data fashion-mnist, digits or an image folder, not blobs.", error.Message);
    }

    [Fact]
    public void The_digits_become_rgb_squares_of_the_asked_side_only_when_needed()
    {
        using var inputs = PretrainedImages.Load(Specs.BuiltIn("digits"), new ImageInput(32, Channels.Rgb), BundledResNet.Backbone, DataFolder);

        Assert.Equal(1797, inputs.Count);
        Assert.False(inputs.ImagesMade);
        Assert.Equal(new Sweep.Training.Models.ImageShape(3, 32, 32), inputs.Shape);
    }

    [Fact]
    public void The_shipped_image_folder_loads_as_rgb_at_the_asked_side_by_name_or_by_path()
    {
        var folder = DataCatalogue.ImageFolderOf(DataCatalogue.SneakersAndBoots, DataFolder)!;
        using var byName = PretrainedImages.Load(Specs.BuiltIn(DataCatalogue.SneakersAndBoots), new ImageInput(16, Channels.Rgb), BundledResNet.Backbone, DataFolder);
        using var byPath = PretrainedImages.Load(Specs.Folder(folder), new ImageInput(16, Channels.Rgb), BundledResNet.Backbone, DataFolder);

        Assert.Equal(1200, byName.Count);
        Assert.Equal(new Sweep.Training.Models.ImageShape(3, 16, 16), byName.Images.Shape);
        Assert.Equal(byName.Identity, byPath.Identity);
    }
}
