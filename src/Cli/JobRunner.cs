using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Sweep.Cli;

/// <summary>
/// `run --jobs N`: the cells of one sweep spread over N worker processes. The parent starts N copies
/// of itself with the same command line plus <c>--shard i/N</c>, waits for them, and then writes the
/// outputs from the runs on disk as any later `run` or `plot` would. Processes rather than threads:
/// torch's default generator (models are built under it, <c>SeededConstruction</c>) and
/// <c>set_num_threads</c> are process-global, so threads would race for them; a worker is exactly a
/// shard, whose runs are already bit-identical to those of a single process and resumable.
/// Each worker runs <c>--threads</c> torch threads (default 1), so the default job count is the
/// machine's cores divided by the threads per job.
/// </summary>
public static class JobRunner
{
    /// <summary>--jobs.</summary>
    public static readonly Option<int?> Jobs = Options.Integer("jobs", "worker processes that run cells in parallel, each with --threads torch threads (default: the machine's cores / threads); the runs are the same bits for any number");

    /// <summary>Set in a worker's environment: the worker runs its shard's cells and leaves the outputs to its parent.</summary>
    public const string WorkerVariable = "SWEEP_RUN_WORKER";

    /// <summary>Whether this process is a worker started by <see cref="RunWorkers"/>.</summary>
    public static bool IsWorker => Environment.GetEnvironmentVariable(WorkerVariable) == "1";

    /// <summary>The number of workers asked for: --jobs, else the cores divided by the torch threads per job.</summary>
    public static int Count(ParseResult parsed, int threads)
    {
        var jobs = parsed.GetValue(Jobs) ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, threads));
        return jobs >= 1 ? jobs : throw new UsageException($"--jobs must be at least 1, got {jobs}; e.g. --jobs {Environment.ProcessorCount}.");
    }

    /// <summary>
    /// The number of workers to start for <paramref name="cells"/> cells still to run, or 1 when this
    /// process runs them itself: a worker, an explicit --shard, a single cell, or a host that is not
    /// the `sweep` command (a test calling <see cref="Program.Run"/> in its own process).
    /// </summary>
    public static int Workers(ParseResult parsed, int jobs, int cells) =>
        IsWorker || parsed.GetResult(Commands.RunCommand.ShardOption) is { Implicit: false } || Assembly.GetEntryAssembly() != typeof(Program).Assembly
            ? 1
            : Math.Min(jobs, cells);

    /// <summary>
    /// Runs <paramref name="workers"/> copies of this command as shards 0..workers-1 and waits for all;
    /// returns 0 when all finished, 130 when interrupted (the first signal is passed on to every
    /// worker, which keeps its finished runs), else the first failing worker's exit code (its own
    /// line on stderr says why).
    /// </summary>
    public static int RunWorkers(int workers, CancellationToken cancellation)
    {
        var (program, prefix) = Self();
        var arguments = Environment.GetCommandLineArgs().Skip(1).ToArray();
        var processes = Enumerable.Range(0, workers).Select(index =>
        {
            // Right after the command's name, so that a "--" later in the line cannot swallow it.
            var start = new ProcessStartInfo(program, [.. prefix, arguments[0], "--shard", $"{index}/{workers}", .. arguments.Skip(1)]) { UseShellExecute = false };
            start.Environment[WorkerVariable] = "1";
            start.Environment["CI"] = "true";  // plain progress lines: several workers share one terminal
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }).ToArray();
        void KillAll(object? sender, EventArgs e)
        {
            foreach (var process in processes.Where(process => !process.HasExited)) process.Kill();
        }

        AppDomain.CurrentDomain.ProcessExit += KillAll;  // a second signal exits at once: take the workers along
        using (cancellation.Register(() => { foreach (var process in processes) Terminate(process); }))
            foreach (var process in processes) process.WaitForExit();
        AppDomain.CurrentDomain.ProcessExit -= KillAll;
        var codes = processes.Select(process => process.ExitCode).ToArray();
        foreach (var process in processes) process.Dispose();
        return codes.FirstOrDefault(code => code is not 0 and not 130, codes.Contains(130) || cancellation.IsCancellationRequested ? 130 : 0);
    }

    // This program as it was started: the apphost itself, or `dotnet exec sweep.dll`.
    private static (string Program, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, ["exec", typeof(Program).Assembly.Location])
            : (process, []);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int process, int signal);

    // SIGTERM: the worker cancels between steps like on Ctrl-C and keeps its finished runs.
    private static void Terminate(Process process)
    {
        try
        {
            if (!process.HasExited) Kill(process.Id, 15);
        }
        catch (InvalidOperationException)
        {
            // Exited in between: nothing to stop.
        }
    }
}
