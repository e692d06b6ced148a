using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// `run --jobs N`: N cells of one sweep at a time. A catalogue model's cells run on N threads of
/// this process (<see cref="Commands.ConcurrentCells"/>): its models are built under a lock
/// (<c>SeededConstruction</c>) and nothing else draws from torch's default generator. A pretrained
/// head draws dropout masks from that process-global generator, so its cells are spread over N
/// processes instead: the parent starts N − 1 copies of itself with the same command line plus
/// <c>--shard i/N</c> (i = 1..N−1), runs shard 0 itself, waits for them, and then writes the
/// outputs from the runs on disk as any later `run` or `plot` would; a worker is exactly a shard,
/// whose runs are already bit-identical to those of a single process and resumable. Each job runs
/// <c>--threads</c> torch threads (default 1), so the default job count is the machine's cores
/// divided by the threads per job.
/// </summary>
public static class JobRunner
{
    /// <summary>--jobs.</summary>
    public static readonly Option<int?> Jobs = Options.Integer("jobs", "cells run at once, each with --threads torch threads: threads of this process for a catalogue model, worker processes for a pretrained body (default: the cores / threads; for a pretrained body only when its range tests outweigh a process start-up, else 1); the runs are the same bits for any number");

    /// <summary>Set in a worker's environment: the worker runs its shard's cells and leaves the outputs to its parent.</summary>
    public const string WorkerVariable = "SWEEP_RUN_WORKER";

    /// <summary>Whether this process is a worker started by <see cref="RunWorkers"/>.</summary>
    public static bool IsWorker => Environment.GetEnvironmentVariable(WorkerVariable) == "1";

    /// <summary>
    /// Range-test work, in samples × steps of the default MLP, below which one process is faster than
    /// several: each worker costs a start-up of ≈1.5 s of CPU (.NET, libtorch, the data), and the
    /// default sweep's range tests (20 cells, ≈60,000 sample-steps) take ≈1 s of CPU in all, so its
    /// second worker cost more than it saved (3.9 s alone, 5.6–6.1 s with two workers, docs/performance.md).
    /// 240,000 is ≈4 s of range tests: about where half of them outweighs one more start-up.
    /// </summary>
    public const double WorkWorthWorkers = 240_000;

    /// <summary>
    /// The number of jobs: --jobs when given, else the cores divided by the torch threads per job,
    /// for a pretrained body only when the cells to do amount to <see cref="WorkWorthWorkers"/> or
    /// more (else 1).
    /// </summary>
    public static int Count(ParseResult parsed, ExperimentSpec spec, IEnumerable<SweepCell> todo)
    {
        // Threads cost nothing to start; a worker process pays a start-up of its own.
        var worthIt = !spec.Model.IsPretrained || Work(spec, todo) >= WorkWorthWorkers;
        var jobs = parsed.GetValue(Jobs) ?? (worthIt ? Math.Max(1, Environment.ProcessorCount / Math.Max(1, spec.Threads)) : 1);
        return jobs >= 1 ? jobs : throw new UsageException($"--jobs must be at least 1, got {jobs}; e.g. --jobs {Environment.ProcessorCount}.");
    }

    // Σ batch size × steps over the cells, weighted by the model's cost per sample against the default
    // MLP (measured here: the small CNN ≈13×; a ResNet far more).
    private static double Work(ExperimentSpec spec, IEnumerable<SweepCell> todo)
    {
        var weight = spec.Model switch
        {
            ModelSpec.MlpCase mlp => mlp.HiddenWidths.Sum() / 128.0,
            ModelSpec.CnnCase => 13.0,
            _ => 100.0,
        };
        return weight * spec.Finder.Steps * todo.Sum(cell => (double)cell.BatchSize);
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
    /// Starts copies of this command as shards 1..workers-1 (this process runs shard 0 itself, so its
    /// own start-up is not paid twice); the first signal is passed on to every worker, which keeps its
    /// finished runs. <see cref="WorkerProcesses.Wait"/> collects them.
    /// </summary>
    public static WorkerProcesses Start(int workers, CancellationToken cancellation)
    {
        var (program, prefix) = Self();
        var arguments = Environment.GetCommandLineArgs().Skip(1).ToArray();
        var processes = Enumerable.Range(1, workers - 1).Select(index =>
        {
            // Right after the command's name, so that a "--" later in the line cannot swallow it.
            var start = new ProcessStartInfo(program, [.. prefix, arguments[0], "--shard", $"{index}/{workers}", .. arguments.Skip(1)]) { UseShellExecute = false };
            start.Environment[WorkerVariable] = "1";
            start.Environment["CI"] = "true";  // plain progress lines: several workers share one terminal
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }).ToArray();
        return new WorkerProcesses(processes, cancellation);
    }

    /// <summary>Worker processes started by <see cref="Start"/>.</summary>
    public sealed class WorkerProcesses : IDisposable
    {
        private readonly Process[] processes;
        private readonly CancellationTokenRegistration registration;
        private readonly CancellationToken cancellation;

        internal WorkerProcesses(Process[] processes, CancellationToken cancellation)
        {
            (this.processes, this.cancellation) = (processes, cancellation);
            AppDomain.CurrentDomain.ProcessExit += KillAll;  // a second signal exits at once: take the workers along
            registration = cancellation.Register(() => { foreach (var process in processes) Terminate(process); });
        }

        /// <summary>
        /// Waits for every worker: 0 when all finished, 130 when one was interrupted, else the first
        /// failing worker's exit code (its own line on stderr says why). Once this process is
        /// interrupted, a worker ended by a signal (exit code 128 + n: the terminal's SIGINT, or the
        /// SIGTERM passed on after the worker had already let go of its handlers) was interrupted too.
        /// </summary>
        public int Wait()
        {
            foreach (var process in processes) process.WaitForExit();
            var codes = processes.Select(process => process.ExitCode).ToArray();
            bool Interrupted(int code) => code == 130 || (cancellation.IsCancellationRequested && code > 128);
            return codes.FirstOrDefault(code => code != 0 && !Interrupted(code), codes.Any(Interrupted) ? 130 : 0);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            registration.Dispose();
            KillAll(null, EventArgs.Empty);  // only those still running: this process is leaving early
            AppDomain.CurrentDomain.ProcessExit -= KillAll;
            foreach (var process in processes) process.Dispose();
        }

        private void KillAll(object? sender, EventArgs e)
        {
            foreach (var process in processes.Where(process => !process.HasExited)) process.Kill();
        }
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
