using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Files;

/// <summary>A curve recorded anywhere: learning rates, raw losses, and smoothed losses when the recorder kept them.</summary>
public sealed record RecordedCurve(double[] LearningRates, double[] Losses, double[]? SmoothedLosses);

/// <summary>
/// Reads a curve exported by Sweep, PyTorch, fastai or a spreadsheet. CSV: a header naming an LR
/// column (lr, learning_rate or lrs) and a loss column (loss or losses), optionally smoothed_loss;
/// other columns are ignored. JSON: an object with arrays under those names (Sweep's run files use
/// learning_rates, losses, smoothed_losses). Problems are one-line usage errors naming file and line.
/// </summary>
public static class CurveReader
{
    private static readonly string[] LearningRateNames = ["lr", "lrs", "learning_rate", "learning_rates"];
    private static readonly string[] LossNames = ["loss", "losses", "raw_loss", "raw_losses"];
    private static readonly string[] SmoothedNames = ["smoothed_loss", "smoothed_losses", "smooth_loss"];

    /// <summary>Reads <paramref name="path"/> by its extension (.json, otherwise CSV).</summary>
    public static RecordedCurve Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"no such file '{path}'; give a CSV or JSON curve.");
        var curve = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Json(path) : Csv(path);
        if (curve.LearningRates.Length == 0) throw new UsageException($"{path} holds no points.");
        return curve;
    }

    private static RecordedCurve Csv(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new UsageException($"{path} is empty; expected a header with columns lr and loss.");
        var header = lines[0].Split(',').Select(name => name.Trim().Trim('"').ToLowerInvariant()).ToArray();
        int Column(string[] names) => Array.FindIndex(header, name => names.Contains(name));
        var (lr, loss, smoothed) = (Column(LearningRateNames), Column(LossNames), Column(SmoothedNames));
        if (lr < 0 || (loss < 0 && smoothed < 0))
            throw new UsageException($"{path}: the header '{lines[0]}' needs an lr column and a loss (or smoothed_loss) column.");
        var rows = lines.Skip(1).Select((line, index) => (Fields: line.Split(','), Line: index + 2)).ToArray();
        double Cell((string[] Fields, int Line) row, int column) =>
            column < row.Fields.Length && double.TryParse(row.Fields[column].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new UsageException($"{path}:{row.Line}: '{(column < row.Fields.Length ? row.Fields[column] : "")}' in column {header[column]} is not a number.");
        var learningRates = rows.Select(row => Cell(row, lr)).ToArray();
        var smoothedLosses = smoothed >= 0 ? rows.Select(row => Cell(row, smoothed)).ToArray() : null;
        var losses = loss >= 0 ? rows.Select(row => Cell(row, loss)).ToArray() : smoothedLosses!;
        return new RecordedCurve(learningRates, losses, smoothedLosses);
    }

    private static RecordedCurve Json(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new UsageException($"{path} is empty.");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new UsageException($"{path} is not a JSON object ({error.Message.Split('\n')[0].TrimEnd('.')}).");
        }

        double[]? Numbers(string[] names)
        {
            var key = names.FirstOrDefault(root.ContainsKey);
            if (key is null) return null;
            try
            {
                return root[key]!.AsArray().Select(node => node!.GetValueKind() == JsonValueKind.String
                    ? double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)
                    : node.GetValue<double>()).ToArray();
            }
            catch (Exception error) when (error is InvalidOperationException or FormatException or NullReferenceException)
            {
                throw new UsageException($"{path}: '{key}' must be an array of numbers.");
            }
        }

        var learningRates = Numbers(LearningRateNames) ?? throw new UsageException($"{path} has no learning rates (an array named lr, lrs or learning_rates).");
        var smoothed = Numbers(SmoothedNames);
        var losses = Numbers(LossNames) ?? smoothed ?? throw new UsageException($"{path} has no losses (an array named loss or losses).");
        if (losses.Length != learningRates.Length || (smoothed is not null && smoothed.Length != learningRates.Length))
            throw new UsageException($"{path} has {learningRates.Length} learning rates but {losses.Length} losses{(smoothed is null ? "" : $" and {smoothed.Length} smoothed losses")}; every array needs one value per step.");
        return new RecordedCurve(learningRates, losses, smoothed);
    }
}
