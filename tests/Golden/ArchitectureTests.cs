using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// The layering rules of docs/architecture.md, enforced. Sweep.Domain is the embeddable pure core:
/// it may reference language-ext and the base library, and must not touch tensors, plotting, the
/// console, files, the network, processes, the clock or unseeded randomness. Checked twice: on the
/// compiled assembly's metadata (what it really references, whatever the source looks like), and
/// on the source text (forbidden code, as ScottPlot's tests do).
/// </summary>
public class ArchitectureTests
{
    private static readonly string[] ForbiddenAssemblies =
        ["TorchSharp", "ScottPlot", "Spectre.Console", "SkiaSharp", "System.Console", "System.Net", "System.Diagnostics.Process", "System.IO.FileSystem", "Microsoft.Win32"];

    private static readonly string[] ForbiddenNamespaces = ["System.IO", "System.Net", "TorchSharp", "ScottPlot", "Spectre", "SkiaSharp"];

    private static readonly string[] ForbiddenTypes =
        ["System.Console", "System.Environment", "System.Diagnostics.Stopwatch", "System.Diagnostics.Process", "System.Threading.Thread", "System.Threading.Timer", "System.TimeProvider"];

    // (type, member): effects reached through otherwise harmless types.
    private static readonly (string Type, string Member)[] ForbiddenMembers =
        [("System.DateTime", "get_Now"), ("System.DateTime", "get_UtcNow"), ("System.DateTimeOffset", "get_Now"),
         ("System.DateTimeOffset", "get_UtcNow"), ("System.Guid", "NewGuid"), ("System.Random", "get_Shared")];

    private static string DomainAssemblyPath => typeof(Sweep.Domain.Suggest).Assembly.Location;

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public void Domain_references_no_effectful_assembly()
    {
        using var stream = File.OpenRead(DomainAssemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
        Assert.Contains("LanguageExt.Core", references);
        Assert.DoesNotContain(references, name => ForbiddenAssemblies.Any(forbidden => name.StartsWith(forbidden, StringComparison.Ordinal)));
    }

    [Fact]
    public void Domain_uses_no_effectful_type_or_member()
    {
        using var stream = File.OpenRead(DomainAssemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeReferences.Select(handle => FullName(metadata, handle)).ToHashSet();
        var offending = types.Where(type => ForbiddenNamespaces.Any(ns => type.StartsWith(ns + ".", StringComparison.Ordinal)) || ForbiddenTypes.Contains(type)).ToList();

        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var owner = FullName(metadata, (TypeReferenceHandle)member.Parent);
            var name = metadata.GetString(member.Name);
            if (ForbiddenMembers.Contains((owner, name))) offending.Add($"{owner}.{name}");
            // new Random() without a seed is the unseeded kind; new Random(seed) is allowed.
            if (owner == "System.Random" && name == ".ctor" && member.DecodeMethodSignature(new ParameterCounter(), null).ParameterTypes.Length == 0)
                offending.Add("System.Random() without a seed");
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void Domain_source_has_no_forbidden_code()
    {
        string[] patterns = ["using TorchSharp", "using static TorchSharp", "System.IO", "Console.", "DateTime.Now", "DateTime.UtcNow", "new Random()", "ScottPlot", "Spectre", "Environment.", "File.", "Directory."];
        var folder = Path.Combine(RepositoryRoot(), "src", "Domain");
        var hits = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(hit => patterns.Any(pattern => hit.line.Contains(pattern, StringComparison.Ordinal)))
            .Select(hit => $"{Path.GetFileName(hit.path)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();
        Assert.Empty(hits);
    }

    [Fact]
    public void Domain_project_depends_on_language_ext_only()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Domain", "Sweep.Domain.csproj"));
        var packages = project.Descendants("PackageReference").Select(element => (string?)element.Attribute("Include")).ToList();
        Assert.Equal(["LanguageExt.Core"], packages);
        Assert.Empty(project.Descendants("ProjectReference"));
    }

    [Fact]
    public void The_forbidden_code_check_catches_what_it_forbids()
    {
        // The metadata check is only worth something if it sees real references: this assembly uses
        // System.IO and the console-free File API, so it must find System.IO types here.
        using var stream = File.OpenRead(typeof(ArchitectureTests).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        Assert.Contains(metadata.TypeReferences.Select(handle => FullName(metadata, handle)), type => type.StartsWith("System.IO.", StringComparison.Ordinal));
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    // Decodes a signature just far enough to count its parameters.
    private sealed class ParameterCounter : ISignatureTypeProvider<int, object?>
    {
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetGenericInstantiation(int genericType, System.Collections.Immutable.ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? genericContext, int index) => 0;
        public int GetGenericTypeParameter(object? genericContext, int index) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;
        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
    }
}
