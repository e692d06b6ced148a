using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sylvan.Data.Csv;

namespace Sweep.Cli.Files;

/// <summary>
/// A curve recorded anywhere: learning rates, raw losses, and smoothed losses when the recorder kept
/// them. <see cref="Where"/> names the place of point i in the file ("row 7" of a CSV, "item 6" of a
/// JSON array), for messages.
/// </summary>
public sealed record RecordedCurve(double[] LearningRates, double[] Losses, double[]? SmoothedLosses, Func<int, string> Where);

/// <summary>
/// Reads a curve exported by Sweep, PyTorch, fastai or a spreadsheet, then checks it
/// (<see cref="CurveValidation"/>). CSV (Sylvan.Data.Csv): a header naming an LR column (lr,
/// learning_rate or lrs) and a loss column (loss or losses), optionally smoothed_loss, in any case;
/// other columns are ignored; quoted fields, a UTF-8 BOM and CRLF are read as such. The separator is
/// the one of , ; tab | that the header line holds most of (ties go to the comma). In a
/// ;-separated file a number may use a decimal comma, as spreadsheets of those locales export it,
/// provided no number of the file uses a decimal point and none groups thousands: mixed, the file
/// is refused. JSON: an object with arrays under those names (Sweep's run files use learning_rates,
/// losses, smoothed_losses). At most <see cref="MaximumRows"/> points are read. Problems are one-line
/// usage errors naming the file and the row.
/// </summary>
public static class CurveReader
{
    /// <summary>The most points a curve may have (a range test records hundreds to thousands).</summary>
    public const int MaximumRows = 1_000_000;

    /// <summary>The largest record, in characters, that a CSV row may take.</summary>
    private const int MaximumRecordLength = 1 << 16;

    /// <summary>The largest JSON curve, in bytes: three arrays of <see cref="MaximumRows"/> numbers.</summary>
    private const long MaximumJsonBytes = 128L << 20;

    private static readonly string[] LearningRateNames = ["lr", "lrs", "learning_rate", "learning_rates"];
    private static readonly string[] LossNames = ["loss", "losses", "raw_loss", "raw_losses"];
    private static readonly string[] SmoothedNames = ["smoothed_loss", "smoothed_losses", "smooth_loss"];
    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>Reads and checks <paramref name="path"/> by its extension (.json, otherwise CSV).</summary>
    public static RecordedCurve Read(string path)
    {
        if (Directory.Exists(path)) throw new UsageException($"'{path}' is a folder; give a CSV or JSON curve file.");
        if (!File.Exists(path)) throw new UsageException($"no such file '{path}'; give a CSV or JSON curve file.");
        var curve = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Json(path) : Csv(path);
        CurveValidation.Check(path, curve);
        return curve;
    }

    private static RecordedCurve Csv(string path)
    {
        var separator = Separator(path);
        var options = new CsvDataReaderOptions { Delimiter = separator, BufferSize = 4096, MaxBufferSize = MaximumRecordLength };
        try
        {
            using var reader = CsvDataReader.Create(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), options);
            var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
            int Column(string[] names) => Array.FindIndex(header, names.Contains);
            var (lr, loss, smoothed) = (Column(LearningRateNames), Column(LossNames), Column(SmoothedNames));
            // A binary file's "header" would print control characters to the terminal.
            if (header.Any(name => name.Any(character => char.IsControl(character) && character != '\t')))
                throw new UsageException($"{path} is not a text file; give a CSV (lr and loss columns) or JSON curve file.");
            if (lr < 0 || (loss < 0 && smoothed < 0))
                throw new UsageException($"{path}: the header '{string.Join(separator, header)}' needs an lr column and a loss (or smoothed_loss) column.");
            var numbers = new CsvNumberReader(path, separator);
            var (learningRates, losses, smoothedLosses, rows) = (new List<double>(), new List<double>(), new List<double>(), new List<int>());
            while (reader.Read())
            {
                var row = reader.RowNumber + 1;
                if (reader.RowFieldCount == 0 || (reader.RowFieldCount == 1 && reader.GetString(0).Trim().Length == 0)) continue;
                if (rows.Count == MaximumRows)
                    throw new UsageException($"{path}: more than {MaximumRows} points (row {row}); a range test needs far fewer: thin the curve first.");
                double Cell(int column) => column < reader.RowFieldCount
                    ? numbers.Parse(reader.GetString(column), row, header[column])
                    : throw new UsageException($"{path}, row {row}: no {header[column]} value (the row has {reader.RowFieldCount} of the header's {header.Length} fields); give every row its lr and loss.");
                learningRates.Add(Cell(lr));
                if (loss >= 0) losses.Add(Cell(loss));
                if (smoothed >= 0) smoothedLosses.Add(Cell(smoothed));
                rows.Add(row);
            }

            var smoothedArray = smoothed >= 0 ? smoothedLosses.ToArray() : null;
            return new RecordedCurve(learningRates.ToArray(), loss >= 0 ? losses.ToArray() : smoothedArray!, smoothedArray, i => $"row {rows[i]}");
        }
        catch (CsvMissingHeadersException)
        {
            throw new UsageException($"{path} is empty; expected a header with columns lr and loss, then one row per step.");
        }
        catch (CsvRecordTooLargeException)
        {
            throw new UsageException($"{path} has a row longer than {MaximumRecordLength} characters; is it a CSV curve?");
        }
        catch (CsvFormatException error)
        {
            throw new UsageException($"{path}, row {error.RowNumber + 1}: malformed CSV (an unclosed quote?); export it again.");
        }
    }

    // The separator of , ; tab | that the first line holds most of, outside quotes; the comma on a tie.
    private static char Separator(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaximumRecordLength];
        var length = reader.ReadBlock(buffer, 0, buffer.Length);
        var counts = new int[Separators.Length];
        var quoted = false;
        foreach (var character in buffer.AsSpan(0, length))
        {
            if (character == '"') quoted = !quoted;
            if (!quoted && character is '\n' or '\r') break;
            var index = Array.IndexOf(Separators, character);
            if (!quoted && index >= 0) counts[index]++;
        }

        return Separators[Array.IndexOf(counts, counts.Max())];
    }

    private static RecordedCurve Json(string path)
    {
        if (new FileInfo(path).Length > MaximumJsonBytes)
            throw new UsageException($"{path} is larger than {MaximumJsonBytes >> 20} MiB; a range test's curve is far smaller: thin it first.");
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
        if (learningRates.Length > MaximumRows)
            throw new UsageException($"{path}: more than {MaximumRows} points; a range test needs far fewer: thin the curve first.");
        return new RecordedCurve(learningRates, losses, smoothed, i => $"item {i} of the learning rates");
    }
}
