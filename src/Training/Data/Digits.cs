using System.Globalization;
using System.IO.Compression;

namespace Sweep.Training.Data;

/// <summary>
/// The 8×8 handwritten digits (UCI optdigits, the 1,797-sample subset scikit-learn ships), from
/// data/digits/digits.csv.gz: one sample a line, 64 pixel values 0..16 row-major, then the label.
/// Default inputs: x = float32(pixels / 16), not standardised, which is exactly what the reference
/// runs in tests/Golden fed their models; <see cref="Standardised"/> is the other choice.
/// </summary>
public static class Digits
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 8;

    /// <summary>The largest pixel value (the pixel scale).</summary>
    public const int MaximumPixel = 16;

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(digit => digit.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>x = pixels / 16, as the reference runs used.</summary>
    public static Normalisation DefaultNormalisation { get; } = Normalisation.Scaled(MaximumPixel);

    /// <summary>Pixels / 16, then standardised by the data's own mean and standard deviation.</summary>
    public static Normalisation Standardised { get; } = Normalisation.Standardised(MaximumPixel);

    /// <summary>The shipped file in the data folder (<see cref="DataFolder.Find"/>).</summary>
    public static string ShippedFile(string? dataFolder = null) => Path.Combine(DataFolder.Find(dataFolder), "digits", "digits.csv.gz");

    /// <summary>The shipped digits as a dataset: images [1797, 1, 8, 8] float32, labels int64.</summary>
    public static LabelledTensors Load(Normalisation? normalisation = null, string? dataFolder = null) =>
        LoadFile(ShippedFile(dataFolder), normalisation);

    /// <summary>Digits from a CSV file (gzipped when its name ends in .gz) of 65 integers a line.</summary>
    public static LabelledTensors LoadFile(string path, Normalisation? normalisation = null)
    {
        if (!File.Exists(path))
            throw new DataException($"{path} does not exist; give the digits CSV file or the data folder that holds digits/.");
        var lines = ReadLines(path);
        if (lines.Count == 0)
            throw new DataException($"{path} holds no samples; replace the file.");
        const int pixels = Side * Side;
        var values = new float[lines.Count * pixels];
        var labels = new long[lines.Count];
        for (var row = 0; row < lines.Count; row++)
        {
            var fields = lines[row].Split(',');
            if (fields.Length != pixels + 1)
                throw new DataException($"{path} line {row + 1} has {fields.Length} values, expected {pixels + 1} (64 pixels, then the label).");
            for (var column = 0; column <= pixels; column++)
            {
                var maximum = column < pixels ? MaximumPixel : ClassNames.Count - 1;
                if (!int.TryParse(fields[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0 || value > maximum)
                    throw new DataException($"{path} line {row + 1} value {column + 1} is '{fields[column]}', expected an integer in 0..{maximum}.");
                if (column < pixels) values[row * pixels + column] = value;
                else labels[row] = value;
            }
        }

        var applied = (normalisation ?? DefaultNormalisation).Apply(values, channels: 1, planeSize: pixels);
        return LabelledTensors.FromBuffers("digits", values, [1, Side, Side], labels, ClassNames, applied);
    }

    private static List<string> ReadLines(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(input);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
                if (line.Trim().Length > 0) lines.Add(line.Trim());
            return lines;
        }
        catch (Exception problem) when (problem is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new DataException($"{path} could not be read ({problem.Message}); replace the file.", problem);
        }
    }
}
