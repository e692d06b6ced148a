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

    /// <summary>
    /// The images also hold the framework's generic code instantiated over our types and the callees
    /// inlined from other assemblies (build/ReadyToRun.targets), which a plain image leaves to the JIT
    /// in every process. The runtime lists each method its JIT compiles (DOTNET_JitStdOutFile with
    /// DOTNET_JitDisasmSummary); `run` looks its stored runs up in a Dictionary keyed by SweepCell, a
    /// struct of ours, so a Release build does not compile that dictionary's lookup at run time and a
    /// Debug build, with no images at all, does. (Members the code reaches only through an interface,
    /// such as its enumerator, are still compiled at run time: the image holds what the compiler saw called.)
    /// </summary>
    [Fact]
    public void Run_leaves_the_framework_generics_over_our_types_to_the_images_in_Release()
    {
        var scratch = Directory.CreateTempSubdirectory("sweep-jit-").FullName;
        try
        {
            var list = Path.Combine(scratch, "jit.txt");
            var (code, output, error) = Faults.SweepProcess.Tool(Path.Combine(CliOutputFolder, "sweep"),
                ["run", "--data", "blobs", "--hidden", "16", "--steps", "20", "--batch-sizes", "8", "--seeds", "1", "--jobs", "1", "--quiet", "--out", Path.Combine(scratch, "sweep")],
                TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["DOTNET_JitDisasmSummary"] = "1", ["DOTNET_JitStdOutFile"] = list });
            Assert.True(code == 0, output + error);
            var compiled = File.ReadAllLines(list);
            // The list works: some methods are always compiled at run time (IL stubs of P/Invokes, for one).
            Assert.Contains(compiled, line => line.Contains("JIT compiled", StringComparison.Ordinal));
            var dictionary = compiled.Where(line => line.Contains("System.Collections.Generic.Dictionary`2[Sweep.Domain.SweepCell,System.__Canon]:FindValue(", StringComparison.Ordinal)).ToList();
            Assert.True(IsRelease ? dictionary.Count == 0 : dictionary.Count > 0,
                $"{(IsRelease ? "compiled at run time in Release" : "none compiled at run time in Debug")}: {string.Join(" | ", dictionary.Take(3))}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
