using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>The shipped data is found by walking up from the build output, so nothing big is copied next to the tests.</summary>
public sealed class DataFolderTests
{
    [Fact]
    public void The_shipped_data_folder_is_found_from_the_test_output()
    {
        // The command carries data/ into its output (so an installed tool finds it), and the tests
        // reference the command: the nearest data folder is the copy beside the test assembly.
        var folder = DataFolder.Find();
        Assert.Equal("data", Path.GetFileName(folder));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data"), folder.TrimEnd(Path.DirectorySeparatorChar));
        Assert.True(File.Exists(Path.Combine(folder, "fashion-mnist", "t10k-images-idx3-ubyte.gz")));
        Assert.True(File.Exists(Path.Combine(folder, "digits", "digits.csv.gz")));
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
