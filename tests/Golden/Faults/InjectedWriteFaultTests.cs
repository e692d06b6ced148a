using Sweep.Training;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// Failures of the file system while a command runs, injected through <see cref="AtomicFile.Intercept"/>:
/// the write of one chosen file fails as a full disk, a read-only file system or a denied permission
/// would (the errno in HResult, as .NET reports it on Unix). The command exits 1 with one line naming
/// that file and the cause; files written before stay byte for byte; no temporary file is left.
/// </summary>
[Collection(TorchCollection.Name)]
public class InjectedWriteFaultTests
{
    private const int NoSpace = 28, ReadOnly = 30;

    /// <summary>A stream that writes <paramref name="allowed"/> bytes through and then fails like the file system would.</summary>
    private sealed class FailingStream(Stream inner, long allowed, Func<Exception> failure) : Stream
    {
        private long written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, Math.Max(0, allowed - written));
            inner.Write(buffer[..take]);
            written += take;
            if (take < buffer.Length) throw failure();
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static IDisposable Fail(string fileName, Func<string, Exception> failure, long allowed = 0) =>
        AtomicFile.Intercept((path, stream) => Path.GetFileName(path) == fileName ? new FailingStream(stream, allowed, () => failure(path)) : stream);

    private static Exception DiskFull(string path) => new IOException($"No space left on device : '{path}'", NoSpace);
    private static Exception ReadOnlyFileSystem(string path) => new IOException($"Read-only file system : '{path}'", ReadOnly);
    private static Exception Denied(string path) => new UnauthorizedAccessException($"Access to the path '{path}' is denied.");

    private static string[] Sweep(string output, string seeds) =>
        ["run", .. Tiny(output, "--batch-sizes", "8,16", "--seeds", seeds, "--quiet")];

    public static TheoryData<string, string, int, string> Faults() => new()
    {
        // file that fails, how, bytes written before it fails, the cause as printed
        { "config.json", "full", 0, "no space left on device" },
        { "config.json", "read-only", 0, "read-only file system" },
        { "noise-scale.json", "full", 10, "no space left on device" },
        { "bs8-seed1.json", "full", 100, "no space left on device" },
        { "bs8-seed1.json", "denied", 0, "permission denied" },
        { "curves.csv", "full", 5, "no space left on device" },
        { "sweep.json", "read-only", 0, "read-only file system" },
        { "seeds.png", "full", 1000, "no space left on device" },
        { "report.html", "full", 4096, "no space left on device" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_failed_write_mid_sweep_exits_1_naming_the_file_and_keeps_what_was_there(string fileName, string how, int allowed, string cause)
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        // Seed 0 is finished first (except where the very first files fail); the rerun with two seeds adds seed 1.
        var fresh = fileName is "config.json" or "noise-scale.json";
        if (!fresh) Assert.Equal(0, Run(Sweep(output, "1")).ExitCode);
        var before = FaultAssert.Snapshot(output) ?? new Dictionary<string, string>();
        Func<string, Exception> failure = how switch { "full" => DiskFull, "read-only" => ReadOnlyFileSystem, _ => Denied };

        Outcome outcome;
        using (Fail(fileName, failure, allowed)) outcome = Run(Sweep(output, fresh ? "1" : "2"));

        var relative = fileName.StartsWith("bs", StringComparison.Ordinal) ? Path.Combine("runs", fileName) : fileName;
        FaultAssert.Refused(outcome, 1, $"cannot write {Path.Combine(output, relative)}: {cause}");
        FaultAssert.NoTemporaryFiles(output);
        var after = FaultAssert.Snapshot(output) ?? new Dictionary<string, string>();
        // The file that failed is as it was (absent if it was); finished runs and config.json are intact.
        Assert.Equal(before.GetValueOrDefault(relative), after.GetValueOrDefault(relative));
        foreach (var (path, hash) in before.Where(pair => pair.Key.StartsWith("runs", StringComparison.Ordinal) || pair.Key == "config.json"))
            Assert.True(after.GetValueOrDefault(path) == hash, $"{path} changed");
        if (!fresh) Assert.Contains(Path.Combine("runs", "bs8-seed0.json"), after.Keys);
    }

    [Fact]
    public void Find_on_a_full_disk_exits_1_naming_curve_csv()
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        Outcome outcome;
        using (Fail("curve.csv", DiskFull)) outcome = Run(["find", .. Tiny(output, "--quiet")]);
        FaultAssert.Refused(outcome, 1, $"cannot write {Path.Combine(output, "curve.csv")}: no space left on device");
        FaultAssert.NoTemporaryFiles(output);
        Assert.False(File.Exists(Path.Combine(output, "curve.csv")));
    }

    [Fact]
    public void A_failed_write_deletes_its_temporary_file_and_leaves_the_old_content()
    {
        using var scratch = new Cli.Scratch();
        var path = scratch.Path("a.json");
        AtomicFile.WriteText(path, "old");
        using (Fail("a.json", DiskFull, allowed: 2))
        {
            var error = Assert.Throws<FileWriteException>(() => AtomicFile.WriteText(path, "new content"));
            Assert.Equal($"cannot write {path}: no space left on device", error.Message);
        }

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["a.json"], Directory.EnumerateFiles(scratch.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void An_exclusive_create_that_fails_is_an_error_not_an_existing_file()
    {
        using var scratch = new Cli.Scratch();
        var path = scratch.Path("config.json");
        using (Fail("config.json", ReadOnlyFileSystem))
            Assert.Throws<FileWriteException>(() => AtomicFile.TryCreateText(path, "{}"));
        Assert.Empty(Directory.EnumerateFiles(scratch.Root));
    }
}
