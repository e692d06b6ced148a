using System.Diagnostics;

namespace Sweep.Golden.Tests.Faults;

/// <summary>Runs the built `sweep` as a real process (as a user would), and runs shell tools the fault tests need (mount, tmux).</summary>
internal static class SweepProcess
{
    /// <summary>The command line that starts sweep: the test output's sweep.dll through the dotnet host.</summary>
    public static string[] Command => ["dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll")];

    /// <summary>Runs sweep with <paramref name="args"/> to the end; its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Out, string Error) Run(params string[] args) => Tool(Command[0], [.. Command[1..], .. args], TimeSpan.FromMinutes(3));

    /// <summary>Runs a program to the end within <paramref name="limit"/>, with <paramref name="environment"/> added to its environment.</summary>
    public static (int ExitCode, string Out, string Error) Tool(string program, IEnumerable<string> args, TimeSpan? limit = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit ?? TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>True when this process runs as root (mounting a tmpfs needs it).</summary>
    public static bool IsRoot => Environment.UserName == "root" || Tool("id", ["-u"]).Out.Trim() == "0";
}

/// <summary>A small tmpfs mounted on a fresh folder (root only), unmounted and removed afterwards.</summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string root) => Root = root;

    /// <summary>The mount point.</summary>
    public string Root { get; }

    /// <summary>A tmpfs of <paramref name="size"/> (e.g. "200k"), or null with the reason when it cannot be mounted here.</summary>
    public static (SmallDisk? Disk, string Reason) Mount(string size)
    {
        if (!SweepProcess.IsRoot) return (null, "not root: a tmpfs cannot be mounted");
        var root = Directory.CreateTempSubdirectory("sweep-disk-").FullName;
        var mounted = SweepProcess.Tool("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", root]);
        if (mounted.ExitCode == 0) return (new SmallDisk(root), "");
        Directory.Delete(root);
        return (null, $"mount -t tmpfs failed: {mounted.Error.Trim()}");
    }

    /// <summary>Fills the disk to the last byte with a filler file, so that the next write fails with ENOSPC.</summary>
    public void Fill()
    {
        using var filler = new FileStream(Path.Combine(Root, "filler"), FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[4096];
        try
        {
            while (true) { filler.Write(block); filler.Flush(); }
        }
        catch (IOException)
        {
        }

        try
        {
            while (true) { filler.Write(block, 0, 1); filler.Flush(); }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Makes the file system read-only.</summary>
    public void MakeReadOnly()
    {
        var remounted = SweepProcess.Tool("mount", ["-o", "remount,ro", Root]);
        if (remounted.ExitCode != 0) throw new InvalidOperationException(remounted.Error);
    }

    public void Dispose()
    {
        SweepProcess.Tool("umount", ["-l", Root]);
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
