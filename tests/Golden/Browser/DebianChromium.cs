using System.Diagnostics;
using Xunit;

namespace Sweep.Golden.Tests.Browser;

/// <summary>
/// Debian's chromium package, the browser the report is checked in: used where it is installed,
/// installed with apt-get when the tests run as root, and otherwise the browser tests are skipped
/// with a message saying how to install it. Playwright drives it through its own bundled driver, so
/// nothing is downloaded from Playwright's servers.
/// </summary>
public static class DebianChromium
{
    /// <summary>The program Debian installs (a wrapper script that starts /usr/lib/chromium/chromium).</summary>
    public const string Executable = "/usr/bin/chromium";

    public static bool Installed => File.Exists(Executable);

    // The effective user's name (.NET looks it up by the effective user id).
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Installed || IsRoot ? null
        : $"Debian's chromium is not installed and the tests do not run as root, so they cannot install it: run 'apt-get install -y --no-install-recommends chromium' as root ({Executable}).";

    private static readonly Lazy<string> Ready = new(Install);

    /// <summary>The browser's path, installing it first when it is missing.</summary>
    public static string Path => Ready.Value;

    private static string Install()
    {
        if (Installed) return Executable;
        Run("apt-get", "update");
        Run("apt-get", "install -y --no-install-recommends chromium");
        Assert.True(Installed, $"apt-get installed chromium but {Executable} is not there");
        return Executable;
    }

    private static void Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {arguments} failed ({process.ExitCode}): {errors.Result}{output.Result[^Math.Min(2000, output.Result.Length)..]}");
    }
}

/// <summary>A test that needs Debian's chromium: skipped, with the reason, only where it can be neither found nor installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (DebianChromium.Unavailable is { } reason) Skip = reason;
    }
}
