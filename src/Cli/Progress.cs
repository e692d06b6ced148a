using System.Diagnostics;
using Sweep.Training;

namespace Sweep.Cli;

/// <summary>
/// Progress of one or many range tests. On a terminal: one line redrawn in place with the run, its
/// step, the loss and the overall ETA. Redirected or under CI=true: a plain log line when each run
/// starts and ends, nothing that needs a terminal. Quiet (--quiet): nothing. Runs on several threads
/// may report at once: one reports at a time.
/// </summary>
public sealed class RunProgress(Terminal terminal, int totalRuns)
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int finishedRuns;
    private int trainedRuns;
    private long lastDraw;

    /// <summary>Reports a run that was already on disk.</summary>
    public void Skipped(string label)
    {
        using var held = gate.EnterScope();
        finishedRuns++;
        terminal.Narration.WriteLine($"[{finishedRuns}/{totalRuns}] {label}: already done, kept");
    }

    /// <summary>The observer of one run's steps.</summary>
    public IProgress<StepProgress> Run(string label) => new StepObserver(this, label);

    /// <summary>Reports a finished run.</summary>
    public void Finished(string label, string outcome)
    {
        using var held = gate.EnterScope();
        finishedRuns++;
        trainedRuns++;
        if (terminal.Interactive) terminal.Narration.Write("\r\u001b[2K");
        terminal.Narration.WriteLine($"[{finishedRuns}/{totalRuns}] {label}: {outcome} ({Elapsed})");
    }

    private string Elapsed => $"{clock.Elapsed.TotalSeconds:F1}s elapsed";

    private void Step(string label, StepProgress step)
    {
        if (!terminal.Interactive || terminal.Quiet) return;
        using var held = gate.EnterScope();
        var now = clock.ElapsedMilliseconds;
        if (now - lastDraw < 100 && step.Step + 1 < step.Steps) return;
        lastDraw = now;
        var runsLeft = totalRuns - finishedRuns - (step.Step + 1.0) / step.Steps;
        // Runs kept from an earlier invocation took no time here: only trained runs set the pace.
        var perRun = clock.Elapsed.TotalSeconds / Math.Max(trainedRuns + (step.Step + 1.0) / step.Steps, 1e-9);
        terminal.Error.Write($"\r\u001b[2K[{finishedRuns + 1}/{totalRuns}] {label} step {step.Step + 1}/{step.Steps} lr {step.LearningRate:0.##e+0} loss {step.SmoothedLoss:F4}  ETA {runsLeft * perRun:F0}s");
    }

    private sealed class StepObserver(RunProgress owner, string label) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => owner.Step(label, value);
    }
}
