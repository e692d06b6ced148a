using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// The command's Release build output holds ReadyToRun images (build/ReadyToRun.targets): a sweep
/// process lives seconds, and without them much of that goes to the JIT. A ReadyToRun image is a
/// PE file whose CLI header points at a managed native header; a plain IL assembly has none.
/// Debug builds stay plain.
/// </summary>
public class ReadyToRunTests
{
    private static readonly string[] PrecompiledAssemblies =
    [
        "sweep.dll", "Sweep.Domain.dll", "Sweep.Training.dll", "ScottPlot.dll", "SkiaSharp.dll",
        "TorchSharp.dll", "System.CommandLine.dll", "Sylvan.Data.Csv.dll",
    ];

    private static bool IsRelease =>
        typeof(ReadyToRunTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration == "Release";

    /// <summary>
    /// The Cli's output folder for the configuration, framework and runtime this test project was
    /// built with: the same bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;runtime&gt;/ tail as this test's own output
    /// (both projects name linux-x64), under src/Cli instead of tests/Golden.
    /// </summary>
    private static string CliOutputFolder
    {
        get
        {
            var testBin = Path.Combine(ReferenceData.RepositoryRoot, "tests", "Golden", "bin");
            var tail = Path.GetRelativePath(testBin, AppContext.BaseDirectory);
            Assert.False(tail.StartsWith("..", StringComparison.Ordinal), $"the test output {AppContext.BaseDirectory} is not under {testBin}");
            return Path.Combine(ReferenceData.RepositoryRoot, "src", "Cli", "bin", tail);
        }
    }

    private static bool IsReadyToRunImage(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var header = pe.PEHeaders.CorHeader ?? throw new InvalidDataException($"{path} is not a .NET assembly");
        return header.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static Guid ModuleVersionId(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    [Fact]
    public void Cli_output_assemblies_are_ReadyToRun_images_in_Release_only()
    {
        var folder = CliOutputFolder;
        var wrong = PrecompiledAssemblies
            .Select(name => Path.Combine(folder, name))
            .Where(path => !File.Exists(path) || IsReadyToRunImage(path) != IsRelease)
            .Select(path => File.Exists(path) ? Path.GetFileName(path) : $"{Path.GetFileName(path)} (missing)")
            .ToList();
        Assert.True(wrong.Count == 0,
            $"expected {(IsRelease ? "ReadyToRun images" : "plain IL assemblies")} in {folder}; not so: {string.Join(", ", wrong)}");
    }

    /// <summary>An image compiled from an older build would still be an image: it must carry the module id of the assembly the projects built now.</summary>
    [Fact]
    public void Cli_output_images_are_compiled_from_the_current_project_assemblies()
    {
        var folder = CliOutputFolder;
        foreach (var assembly in new[] { typeof(Sweep.Domain.Suggest).Assembly, typeof(Sweep.Training.AtomicFile).Assembly })
        {
            var image = Path.Combine(folder, Path.GetFileName(assembly.Location));
            Assert.Equal(assembly.ManifestModule.ModuleVersionId, ModuleVersionId(image));
        }
    }
}
