using System.Globalization;

namespace Sweep.Cli.Files;

/// <summary>
/// Reads the numbers of one CSV file, deciding its decimal mark as it goes. A comma is a decimal
/// mark only in a ;-separated file (where it cannot be a separator), and only when no number of
/// the file uses a point and none has two marks: 1,5 and 1.5 in one file, or 1.234,5, could each
/// mean two things, so they are refused rather than guessed. NaN and ±Infinity are numbers.
/// </summary>
internal sealed class CsvNumberReader(string path, char separator)
{
    private int? firstCommaRow, firstPointRow;

    /// <summary>The value of <paramref name="text"/>, found in <paramref name="column"/> at <paramref name="row"/>.</summary>
    public double Parse(string text, int row, string column)
    {
        var value = text.Trim();
        var where = $"{path}, row {row}";
        if (value.Contains(','))
        {
            if (separator != ';')
                throw new UsageException($"{where}: '{value}' in column {column} has a comma; decimal commas are read only in ;-separated files: export with decimal points or with ; between fields.");
            if (value.Contains('.') || value.Count(character => character == ',') > 1)
                throw new UsageException($"{where}: '{value}' in column {column} groups digits; export the numbers without thousands separators.");
            if (firstPointRow is { } pointRow)
                throw new UsageException($"{where}: '{value}' in column {column} has a decimal comma but row {pointRow} a decimal point; export with one decimal mark.");
            firstCommaRow ??= row;
            value = value.Replace(',', '.');
        }
        else if (value.Contains('.') && separator == ';')
        {
            if (firstCommaRow is { } commaRow)
                throw new UsageException($"{where}: '{value}' in column {column} has a decimal point but row {commaRow} a decimal comma; export with one decimal mark.");
            firstPointRow ??= row;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new UsageException($"{where}: '{text}' in column {column} is not a number; give every row a number there (NaN is allowed).");
    }
}
