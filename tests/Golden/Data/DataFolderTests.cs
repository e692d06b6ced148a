using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>The shipped data is found by walking up from the build output, so nothing big is copied next to the tests.</summary>
public sealed class DataFolderTests
{
    [Fact]
    public void The_repository_data_folder_is_found_from_the_test_output()
    {
        var folder = DataFolder.Find();
        Assert.Equal("data", Path.GetFileName(folder));
        Assert.True(File.Exists(Path.Combine(folder, "fashion-mnist", "t10k-images-idx3-ubyte.gz")));
        Assert.True(File.Exists(Path.Combine(folder, "digits", "digits.csv.gz")));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist", "t10k-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void The_walk_up_finds_the_nearest_data_folder_with_a_marker()
    {
        using var temporary = new TemporaryFolder();
        Directory.CreateDirectory(temporary.File("data", "digits"));
        var deep = temporary.File("a", "b", "c", "placeholder");
        Assert.Equal(Path.Combine(temporary.Path, "data"), DataFolder.Search(Path.GetDirectoryName(deep)!));
    }

    [Fact]
    public void A_data_folder_without_a_marker_is_not_taken()
    {
        using var temporary = new TemporaryFolder();
        Directory.CreateDirectory(temporary.File("data", "other"));
        var found = DataFolder.Search(temporary.Path);
        Assert.NotEqual(Path.Combine(temporary.Path, "data"), found);
    }

    [Fact]
    public void An_explicit_path_wins_and_a_missing_one_is_a_clear_error()
    {
        using var temporary = new TemporaryFolder();
        Assert.Equal(temporary.Path, DataFolder.Find(temporary.Path));
        var missing = Path.Combine(temporary.Path, "nowhere");
        var problem = Assert.Throws<DataException>(() => DataFolder.Find(missing));
        Assert.Contains(missing, problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }
}
