using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli.Commands;

/// <summary>`sweep list`: what can be named on the command line, one line each.</summary>
public static class ListCommand
{
    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("list", "list the built-in datasets, models, optimizers, presets and rules", []);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(Terminal terminal)
    {
        foreach (var line in DataCatalogue.Descriptions) terminal.Out.WriteLine($"dataset    {line}");
        terminal.Out.WriteLine("dataset    FOLDER               any folder with one subfolder of JPEG/PNG images per class");
        foreach (var model in ModelCatalogue.Names) terminal.Out.WriteLine($"model      {model}");
        terminal.Out.WriteLine($"model      {ModelSpec.BundledName,-20} ImageNet-pretrained ResNet-18 (bundled): a frozen body and a new head on cached features");
        foreach (var optimizer in Optimizers.Names) terminal.Out.WriteLine($"optimizer  {optimizer}");
        foreach (var preset in Preset.All)
            terminal.Out.WriteLine($"preset     {preset.Name,-20} beta {preset.Smoothing.Beta}{(preset.Smoothing.Debiased ? " debiased" : "")}, stop at {preset.DivergenceFactor}x best, " +
                $"{(preset.Endpoint == Endpoint.Inclusive ? "last step at the end LR" : "last step one short of the end LR")}, default rule {string.Join(",", preset.Rules.Select(RuleName.Of))}");
        foreach (var rule in RuleName.All) terminal.Out.WriteLine($"rule       {RuleName.Of(rule),-20} {Describe(rule)}");
        return 0;
    }

    private static string Describe(Rule rule) => rule switch
    {
        Rule.Valley => "fastai: a third into the longest decreasing stretch",
        Rule.Slide => "fastai: where the gradient over a 15-point window settles",
        Rule.Minimum => "fastai: LR at the minimum loss, divided by 10",
        Rule.Steep => "fastai: steepest descent of loss against ln LR",
        Rule.Steepest => "pytorch-lr-finder: steepest gradient, skipping 10 points at the start and 5 at the end",
        Rule.MinLoss => "LR at the minimum smoothed loss (tracks batch size best)",
        _ => "",
    };
}
