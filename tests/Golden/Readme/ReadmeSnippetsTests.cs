using Xunit;

namespace Sweep.Golden.Tests.Readme;

/// <summary>
/// Every C# snippet of the READMEs (README.md, src/Domain/README.md, src/Training/README.md) is code
/// that compiles and runs: each fenced csharp block appears line for line (indentation aside) in a
/// file the tests compile and run — the library example (examples/LibraryExample/Example.cs, whose
/// methods tests/Golden/Library/ExampleTests.cs runs and which .ci/example also runs against the
/// packed packages) or the Domain README's test (EmbeddingExampleTests.cs). A `using` line of a
/// snippet need only appear in that file. Checking text against compiled code, rather than
/// compiling extracted text at test time, keeps the snippets in a real project (with its IDE,
/// analysers and warnings as errors) and needs no compiler in the tests.
/// </summary>
public class ReadmeSnippetsTests
{
    public static readonly string[] Readmes = ["README.md", "src/Domain/README.md", "src/Training/README.md"];

    public static readonly string[] Sources = ["examples/LibraryExample/Example.cs", "tests/Golden/EmbeddingExampleTests.cs"];

    /// <summary>The csharp blocks of one markdown text, each as its lines (the fence's indentation removed).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> CsharpBlocks(string markdown)
    {
        var blocks = new List<IReadOnlyList<string>>();
        List<string>? open = null;
        var indent = 0;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (open is null)
            {
                if (!trimmed.StartsWith("```csharp", StringComparison.Ordinal)) continue;
                open = [];
                indent = line.Length - trimmed.Length;
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(open);
                open = null;
            }
            else
            {
                open.Add(line.Length >= indent ? line[indent..] : line.TrimStart());
            }
        }

        return blocks;
    }

    /// <summary>Whether <paramref name="snippet"/> appears in <paramref name="source"/>: its using lines anywhere, the rest as consecutive lines.</summary>
    public static bool AppearsIn(IReadOnlyList<string> snippet, IReadOnlyList<string> source)
    {
        var lines = source.Select(line => line.Trim()).ToList();
        var usings = snippet.Select(line => line.Trim()).Where(line => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';') && !line.Contains('=')).ToList();
        var body = snippet.Select(line => line.Trim()).SkipWhile(line => usings.Contains(line) || line.Length == 0).ToList();
        if (!usings.All(lines.Contains)) return false;
        return Enumerable.Range(0, Math.Max(0, lines.Count - body.Count + 1)).Any(start => body.Select((line, offset) => lines[start + offset] == line).All(same => same));
    }

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var readme in Readmes)
        {
            var count = CsharpBlocks(File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, readme))).Count;
            for (var index = 0; index < count; index++) data.Add(readme, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_csharp_snippet_is_code_that_the_tests_compile_and_run(string readme, int index)
    {
        var snippet = CsharpBlocks(File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, readme)))[index];
        var found = Sources.Any(source => AppearsIn(snippet, File.ReadAllLines(Path.Combine(ReferenceData.RepositoryRoot, source))));
        Assert.True(found, $"snippet {index} of {readme} is not in {string.Join(" or ", Sources)} as written:\n{string.Join("\n", snippet)}");
    }

    [Fact]
    public void Every_readme_with_library_code_has_its_snippets_checked()
    {
        var counts = Readmes.Select(readme => CsharpBlocks(File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, readme))).Count).ToList();
        Assert.Equal([1, 1, 3], counts);
    }

    [Fact]
    public void A_changed_line_or_a_missing_using_is_caught()
    {
        string[] source = ["using A;", "", "class C", "{", "    void M()", "    {", "        var x = 1;", "        var y = x;", "    }", "}"];
        Assert.True(AppearsIn(["using A;", "", "var x = 1;", "var y = x;"], source));
        Assert.False(AppearsIn(["var x = 2;", "var y = x;"], source));
        Assert.False(AppearsIn(["var y = x;", "var x = 1;"], source));
        Assert.False(AppearsIn(["using B;", "var x = 1;"], source));
    }
}
