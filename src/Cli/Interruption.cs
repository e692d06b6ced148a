using System.Runtime.InteropServices;

namespace Sweep.Cli;

/// <summary>
/// What SIGINT (Ctrl-C) and SIGTERM (a scheduler's cancel, `kill`) do: the first cancels the token
/// that every command and range test watches between steps, so the current step finishes, finished
/// runs stay on disk and the command exits 130 with one line; the second exits at once, since the
/// person or scheduler sending it has stopped waiting. Without this, SIGTERM ends .NET processes
/// without running the command's own exit path.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly TextWriter error;
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>Starts listening; <paramref name="error"/> receives the line of a second signal.</summary>
    public Interruption(TextWriter error)
    {
        this.error = error;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        // A signal can land while Dispose runs (a worker of `run --jobs` gets its parent's SIGTERM as it exits).
        lock (gate)
        {
            if (disposed) return;
            // A worker of `run --jobs` gets Ctrl-C from the terminal and again from its parent: both are the first.
            if (!cancellation.IsCancellationRequested || JobRunner.IsWorker)
            {
                cancellation.Cancel();
                return;
            }
        }

        error.WriteLine("sweep: interrupted again; stopping now (runs already finished are kept).");
        error.Flush();
        // libtorch's exit-time destructors must not run while a cell may be inside a libtorch call.
        NativeTeardown.Skip();
        Environment.Exit(130);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        lock (gate)
        {
            disposed = true;
            cancellation.Dispose();
        }
    }
}
