using Sweep.Cli;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using Xunit;

namespace Sweep.Golden.Tests.Library;

/// <summary>
/// A sweep from code gives what `sweep run` computes: on the catalogue MLP and the digits, with the
/// cell's model from its seed and its batches shuffled by its seed, every cell's curve and
/// suggestions equal the CLI's cell pipeline, bit for bit, and the report equals the one the CLI
/// makes of those cells with its bootstrap seed.
/// </summary>
[Collection(TorchCollection.Name)]
public class SweepRunnerTests
{
    private static readonly Lazy<LoadedData> Digits = new(() => DataCatalogue.Load("digits", dataFolder: Path.Combine(ReferenceData.RepositoryRoot, "data")));
    private static readonly FinderOptions Finder = new(Preset.Fastai, Start: 1e-4, End: 10, Steps: 30);
    private static readonly int[] BatchSizes = [32, 16, 8];
    private static readonly int[] Seeds = [0, 1];

    [Fact]
    public void A_sweep_from_code_gives_the_cells_and_the_report_of_the_command()
    {
        torch.set_num_threads(1);
        var data = Digits.Value;
        var recipe = new CellRecipe(Specs.Mlp(32), Specs.Sgd());
        using var pipeline = CellPipeline.Open(data, recipe);
        var expected = BatchSizes.SelectMany(size => Seeds.Select(seed => pipeline.RunCell(Finder, new SweepCell(size, seed)))).ToList();

        var told = new List<SweepCell>();
        var sweep = SweepRunner.Run(
            seed =>
            {
                var model = ModelCatalogue.Create(recipe.Model, data.Shape, data.Dataset.ClassCount, seed);
                return (model, Optimizers.Create(recipe.Optimizer, model.parameters(), 0.1));
            },
            cell => new BatchSource(data.Dataset, Validated.ShuffledPlan(data.Dataset.Count, cell.BatchSize, (ulong)cell.Seed).Value),
            BatchSizes, Seeds, Finder, cellDone: new Progress(told));

        Assert.Equal(expected, sweep.Results);
        Assert.Equal(ScalingReport.Of(expected, SweepOutputs.BootstrapSeed), sweep.Report);
        Assert.Equal(new SweepResult(expected, ScalingReport.Of(expected, SweepOutputs.BootstrapSeed)), sweep);
        Assert.Equal(expected.Select(result => result.Cell), told);
        Assert.NotNull(sweep.Report.For(Rule.Valley)!.PowerLaw);
    }

    [Fact]
    public void Invalid_lists_and_finder_options_are_refused_before_any_cell_runs()
    {
        var built = 0;
        var error = Assert.Throws<ArgumentException>(() => SweepRunner.Run(
            _ => { built++; throw new InvalidOperationException(); },
            (int _) => throw new InvalidOperationException(),
            [], [0], Finder with { Beta = 2 }));
        Assert.Equal(0, built);
        Assert.Equal(2, error.Message.Split('\n').Length);
        Assert.Contains("smoothing beta", error.Message);
    }

    // Synchronous, unlike System.Progress: the list is complete when the sweep returns.
    private sealed class Progress(List<SweepCell> cells) : IProgress<RunResult>
    {
        public void Report(RunResult value) => cells.Add(value.Cell);
    }
}
