using System.Text;
using Sweep.Cli;

namespace Sweep.Golden.Tests.Cli;

/// <summary>Runs the `sweep` command in-process and captures what it prints.</summary>
internal static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Outcome Run(params string[] args) => Run(CancellationToken.None, null, args);

    /// <summary>Runs with a token, and an optional hook that sees every line written to stderr (to cancel at a chosen moment).</summary>
    public static Outcome Run(CancellationToken cancellation, Action<string>? onErrorLine, params string[] args)
    {
        var output = new StringWriter();
        var error = new LineHookWriter(onErrorLine);
        var code = Program.Run(args, new Terminal(output, error, Interactive: false), cancellation);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>A tiny configuration that trains in well under a second per run.</summary>
    public static string[] Tiny(string output, params string[] more) =>
        ["--data", "blobs", "--hidden", "16", "--steps", "30", "--start", "1e-3", "--out", output, .. more];

    private sealed class LineHookWriter(Action<string>? onLine) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            onLine?.Invoke(value ?? "");
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}

/// <summary>A fresh temporary folder, deleted afterwards.</summary>
internal sealed class Scratch : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("sweep-cli-").FullName;

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
