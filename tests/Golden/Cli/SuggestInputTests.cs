using System.Globalization;
using System.Text;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// `sweep suggest` on curves exported elsewhere: the CSV dialects it reads (each gives the answers
/// of the plain comma-separated file), and the files it refuses with one line, exit code 2.
/// </summary>
public class SuggestInputTests
{
    private static void AssertRefused(Outcome outcome, params string[] expectedFragments)
    {
        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("sweep: ", lines[0]);
        foreach (var fragment in expectedFragments) Assert.Contains(fragment, lines[0]);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.Equal("", outcome.Out);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A 40-point range test: log-spaced rates 1e-5 to 1, a loss that falls, bottoms out near step 28 and rises.</summary>
    private static (double LearningRate, double Loss)[] Curve(int points = 40) =>
        Enumerable.Range(0, points)
            .Select(i => (1e-5 * Math.Pow(10, 5.0 * i / (points - 1)), 2.3 - Math.Sin(Math.PI * i / (points + 17)) + 0.01 * Math.Cos(7.0 * i)))
            .ToArray();

    private static string[] Rows((double LearningRate, double Loss)[] curve, string separator = ",") =>
        curve.Select(point => $"{Text(point.LearningRate)}{separator}{Text(point.Loss)}").ToArray();

    private static string Write(Scratch scratch, string name, string content, bool byteOrderMark = false)
    {
        var path = scratch.Path(name);
        File.WriteAllText(path, content, new UTF8Encoding(byteOrderMark));
        return path;
    }

    private static string Lines(string newline, params string[] lines) => string.Join(newline, lines) + newline;

    private static string Answers(Scratch scratch, string name, string content, bool byteOrderMark = false)
    {
        var outcome = Run("suggest", Write(scratch, name, content, byteOrderMark), "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Equal("", outcome.Error);
        return outcome.Out;
    }

    public static TheoryData<string, string, bool> Dialects()
    {
        var curve = Curve();
        return new()
        {
            { "quoted fields", Lines("\n", ["\"lr\",\"loss\"", .. curve.Select(point => $"\"{Text(point.LearningRate)}\",\"{Text(point.Loss)}\"")]), false },
            { "semicolons", Lines("\n", ["lr;loss", .. Rows(curve, ";")]), false },
            { "semicolons and decimal commas", Lines("\n", ["lr;loss", .. Rows(curve, ";").Select(row => row.Replace('.', ','))]), false },
            { "a byte-order mark", Lines("\n", ["lr,loss", .. Rows(curve)]), true },
            { "CRLF line ends", Lines("\r\n", ["lr,loss", .. Rows(curve)]), false },
            { "upper-case names", Lines("\n", ["LR,Loss", .. Rows(curve)]), false },
            { "long names and an extra column", Lines("\n", ["Step,Learning_Rate,LOSS", .. Rows(curve).Select((row, i) => $"{i},{row}")]), false },
            { "tabs and a blank line", Lines("\n", ["lr\tloss", .. Rows(curve, "\t").Take(20), "", .. Rows(curve, "\t").Skip(20)]), false },
        };
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_dialect_gives_the_answers_of_the_plain_file(string dialect, string content, bool byteOrderMark)
    {
        using var scratch = new Scratch();
        var plain = Answers(scratch, "plain.csv", Lines("\n", ["lr,loss", .. Rows(Curve())]));
        Assert.DoesNotContain("null", plain);
        Assert.True(plain == Answers(scratch, "dialect.csv", content, byteOrderMark), dialect);
    }

    [Fact]
    public void Losses_that_end_in_NaN_are_read_as_a_diverged_run()
    {
        using var scratch = new Scratch();
        var rows = Rows(Curve(45));
        var outcome = Run("suggest", Write(scratch, "diverged.csv", Lines("\n", ["lr,loss", .. rows[..40], .. rows[40..].Select(row => row.Split(',')[0] + ",NaN")])), "--json");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"valley\":", outcome.Out);
        Assert.DoesNotContain("\"valley\":null", outcome.Out);
    }

    public static TheoryData<string, string, string[]> Refusals()
    {
        var rows = Rows(Curve());
        return new()
        {
            { "decreasing", Lines("\n", ["lr,loss", .. rows.Reverse()]), [$"decreasing.csv, row 3: learning rate {rows[^2].Split(',')[0]} does not rise above the previous point's {rows[^1].Split(',')[0]};", "sort the rows by learning rate"] },
            { "shuffled", Lines("\n", ["lr,loss", rows[0], rows[1], rows[5], rows[3], .. rows[6..]]), [$"shuffled.csv, row 5: learning rate {rows[3].Split(',')[0]} does not rise above the previous point's {rows[5].Split(',')[0]}"] },
            { "repeated", Lines("\n", ["lr,loss", rows[0], rows[1], rows[1], .. rows[2..]]), ["repeated.csv, row 4:", "drop repeated ones"] },
            { "zero", Lines("\n", ["lr,loss", "0,2.3", .. rows[1..]]), ["zero.csv, row 2: learning rate 0 is not positive", "not their logarithms"] },
            { "negative", Lines("\n", ["lr,loss", "-11.5,2.3", .. rows[1..]]), ["negative.csv, row 2: learning rate -11.5 is not positive"] },
            { "nan", Lines("\n", ["lr,loss", rows[0], "NaN,2.3", .. rows[2..]]), ["nan.csv, row 3: learning rate NaN is not a finite number"] },
            { "infinite", Lines("\n", ["lr,loss", .. rows[..^1], "Infinity,2.3"]), ["infinite.csv, row 41: learning rate Infinity is not a finite number"] },
            { "empty", "", ["empty.csv is empty; expected a header with columns lr and loss"] },
            { "header-only", "lr,loss\r\n", ["header-only.csv holds no points; give one row per step under the header"] },
            { "missing-field", Lines("\n", ["lr,loss", rows[0], rows[1].Split(',')[0], .. rows[2..]]), ["missing-field.csv, row 3: no loss value (the row has 1 of the header's 2 fields)"] },
            { "not-a-number", Lines("\n", ["lr,loss", rows[0], rows[1].Split(',')[0] + ",abc", .. rows[2..]]), ["not-a-number.csv, row 3: 'abc' in column loss is not a number"] },
            { "no-loss-column", Lines("\n", ["lr,accuracy", .. rows]), ["needs an lr column and a loss (or smoothed_loss) column"] },
            { "comma-decimal", Lines("\n", ["lr,loss", "\"0,001\",2.3", .. rows[1..]]), ["row 2: '0,001' in column lr has a comma; decimal commas are read only in ;-separated files"] },
            { "mixed-marks", Lines("\n", ["lr;loss", "0,001;2,3", "0.002;2,2", .. rows[2..].Select(row => row.Replace(',', ';'))]), ["mixed-marks.csv, row 3: '0.002' in column lr has a decimal point but row 2 a decimal comma"] },
            { "grouped", Lines("\n", ["lr;loss", "0,001;1.234,5", .. rows[1..].Select(row => row.Replace(',', ';'))]), ["grouped.csv, row 2: '1.234,5' in column loss groups digits"] },
            { "unclosed-quote", Lines("\n", ["lr,loss", rows[0], "\"0.002,2.2", .. rows[2..]]), ["unclosed-quote.csv, row 3: malformed CSV"] },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_broken_curve_is_refused_with_its_row_and_fix(string name, string content, string[] expected)
    {
        using var scratch = new Scratch();
        AssertRefused(Run("suggest", Write(scratch, name + ".csv", content)), expected);
    }

    [Fact]
    public void A_json_curve_with_falling_rates_names_the_item()
    {
        using var scratch = new Scratch();
        AssertRefused(Run("suggest", Write(scratch, "curve.json", "{ \"lr\": [1e-3, 1e-4, 1e-2], \"loss\": [2.3, 2.2, 2.1] }")),
            "curve.json, item 1 of the learning rates: learning rate 0.0001 does not rise above the previous point's 0.001");
    }

    [Fact]
    public void A_folder_is_named_as_a_folder()
    {
        using var scratch = new Scratch();
        AssertRefused(Run("suggest", scratch.Root), $"'{scratch.Root}' is a folder; give a CSV or JSON curve file.");
    }

    [Fact]
    public void A_missing_file_is_named_as_missing()
    {
        using var scratch = new Scratch();
        AssertRefused(Run("suggest", scratch.Path("absent.csv")), $"no such file '{scratch.Path("absent.csv")}'; give a CSV or JSON curve file.");
    }

    [Fact]
    public void A_curve_of_two_points_is_refused_with_the_number_every_rule_needs()
    {
        using var scratch = new Scratch();
        AssertRefused(Run("suggest", Write(scratch, "two.csv", "lr,loss\n1e-3,2.3\n1e-2,2.1\n")),
            "two.csv has 2 points; slide with the fastai preset needs at least 23 points: record a longer range test.");
    }

    // Worked by hand: fastai keeps [⌊n/10⌋ : n−5], slide needs 16 of them (n − 5 − ⌊n/10⌋ ≥ 16 first at 23),
    // steepest 17 of the whole curve; pytorch-lr-finder keeps all (17, steepest's 10 + 5 + 2); fastai-0.7
    // keeps [10 : n−5] (n − 15 ≥ 16 at 31); valley alone needs 2 kept points with fastai (n − 5 − ⌊n/10⌋ ≥ 2 at 7).
    public static TheoryData<string, string, int> Minimums() => new()
    {
        { "fastai", "all", 23 },
        { "pytorch-lr-finder", "all", 17 },
        { "fastai-0.7", "all", 31 },
        { "pytorch-lr-finder", "steepest", 17 },
        { "fastai", "valley", 7 },
        { "fastai", "steep,minimum", 7 },
    };

    [Theory]
    [MemberData(nameof(Minimums))]
    public void A_curve_needs_as_many_points_as_its_rules_read(string preset, string rules, int minimum)
    {
        using var scratch = new Scratch();
        var longEnough = Write(scratch, "enough.csv", Lines("\n", ["lr,loss", .. Rows(Curve(minimum))]));
        var tooShort = Write(scratch, "short.csv", Lines("\n", ["lr,loss", .. Rows(Curve(minimum - 1))]));
        Assert.Equal(0, Run("suggest", longEnough, "--preset", preset, "--rules", rules).ExitCode);
        AssertRefused(Run("suggest", tooShort, "--preset", preset, "--rules", rules), $"short.csv has {minimum - 1} points;", $"with the {preset} preset needs at least {minimum} points");
    }

    [Fact]
    public void A_short_curve_is_answered_by_the_rules_it_can_feed()
    {
        using var scratch = new Scratch();
        var path = Write(scratch, "twenty.csv", Lines("\n", ["lr,loss", .. Rows(Curve(20))]));
        AssertRefused(Run("suggest", path), "twenty.csv has 20 points; slide with the fastai preset needs at least 23 points: record a longer range test, or ask only for --rules valley,minimum,steep,steepest,min-loss.");
        Assert.Equal(0, Run("suggest", path, "--rules", "valley,minimum,steep,steepest,min-loss").ExitCode);
    }

    [Fact]
    public void More_rows_than_the_maximum_are_refused_while_reading()
    {
        using var scratch = new Scratch();
        var path = scratch.Path("huge.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("lr,loss\n");
            for (var i = 0; i <= 1_000_000; i++) writer.Write("1,1\n");
        }

        AssertRefused(Run("suggest", path), "huge.csv: more than 1000000 points (row 1000002)", "thin the curve first");
    }
}
