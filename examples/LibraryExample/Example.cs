using Sweep.Domain;
using Sweep.Training;
using TorchSharp;

namespace LibraryExample;

/// <summary>
/// The library snippets of the README (README.md and src/Training/README.md), as a program runs
/// them: a test of the repository checks that each snippet appears here word for word and runs
/// these methods; .ci/run builds and runs this project against the packed packages.
/// </summary>
public static class Example
{
    /// <summary>One range test on the user's model and DataLoader; returns the suggestions.</summary>
    public static IReadOnlyDictionary<Rule, double?> FindLearningRate()
    {
        var model = new Classifier(inputs: 8, classes: 3);
        using var optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        using var loader = torch.utils.data.DataLoader(new Blobs(samples: 512, seed: 1), batchSize: 32, shuffle: true, seed: 1);
        using var batches = Batches.From(loader, inputKey: "data", targetKey: "label");

        var finder = new FinderOptions(Preset.Fastai, Start: 1e-5, End: 10, Steps: 100);
        var settings = Validated.Settings(finder).Value;   // throws with every problem, one per line
        var curve = RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, batches, settings);
        var suggestions = finder.Preset.Suggestions(finder.Steps, curve);
        Console.WriteLine($"range test: {curve.Points.Count} steps, valley lr {suggestions[Rule.Valley]:G3}");
        return suggestions;
    }

    /// <summary>The same range test on tensors already in memory, cut into batches by a seeded Domain plan.</summary>
    public static Curve FindLearningRateInMemory()
    {
        var generator = new torch.Generator(1);
        var labels = torch.randint(0, 3, [512], generator: generator, dtype: torch.int64);
        var features = torch.randn([512, 8], generator: generator) + 2 * labels.unsqueeze(1).to(torch.float32);
        var model = new Classifier(inputs: 8, classes: 3);
        using var optimizer = torch.optim.Adam(model.parameters());

        // features [N, ...] and labels [N] are your tensors, on the device you chose.
        var plan = Validated.ShuffledPlan(datasetSize: (int)labels.shape[0], batchSize: 64, seed: 0).Value;
        using var batches = new BatchSource(features, labels, plan);
        var settings = Validated.Settings(Preset.PytorchLrFinder, start: 1e-6, end: 1, steps: 80).Value;
        var options = new RunnerOptions { AccumulationSteps = 2 };   // two micro-batches per step
        var curve = RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, batches, settings, options);
        Console.WriteLine($"in memory: {curve.Points.Count} steps, steepest lr {Preset.PytorchLrFinder.Suggestions(80, curve)[Rule.Steepest]:G3}");
        return curve;
    }

    /// <summary>A small batch-size sweep on the same model and data; returns its result.</summary>
    public static SweepResult SweepBatchSizes()
    {
        var sweep = SweepRunner.Run(
            model: seed =>
            {
                var net = new Classifier(inputs: 8, classes: 3);   // torch is seeded with the cell's seed first
                return (net, torch.optim.SGD(net.parameters(), 0.1, momentum: 0.9));
            },
            data: (int batchSize) => Batches.From(torch.utils.data.DataLoader(new Blobs(samples: 512, seed: 1), batchSize, shuffle: true, seed: 1)),
            batchSizes: [64, 32, 16],
            seeds: [0, 1],
            finder: new FinderOptions(Preset.Fastai, Start: 1e-5, End: 10, Steps: 100));

        foreach (var cell in sweep.Results)
            Console.WriteLine($"batch size {cell.Cell.BatchSize,3}, seed {cell.Cell.Seed}: valley lr {cell.Suggestions[Rule.Valley]:G3}");
        var valley = sweep.Report.For(Rule.Valley)?.PowerLaw;
        Console.WriteLine(valley is null ? "valley: no power law" : $"valley: lr ~ B^{valley.Fit.Exponent:F2} [{valley.ExponentLow:F2}, {valley.ExponentHigh:F2}]");
        return sweep;
    }
}
