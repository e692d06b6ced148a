using Sweep.Cli.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class LogAxisTests
{
    [Theory]
    [InlineData(1e-4, "1e-4")]
    [InlineData(2e-3, "2e-3")]
    [InlineData(5e-7, "5e-7")]
    [InlineData(1, "1")]
    [InlineData(10, "10")]
    [InlineData(50, "50")]
    [InlineData(1e4, "1e4")]
    public void Tick_labels_read_as_the_values_they_stand_for(double value, string label) => Assert.Equal(label, LogAxis.Label(value));

    [Fact]
    public void A_range_test_axis_labels_every_decade_and_marks_the_multiples_between()
    {
        var ticks = LogAxis.Ticks(-7, 1);
        Assert.Equal(["1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1", "10"], ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label));
        Assert.Equal(8 * 8, ticks.Count(tick => !tick.IsMajor));
        Assert.Contains(ticks, tick => !tick.IsMajor && Math.Abs(tick.Position - Math.Log10(3e-5)) < 1e-12);
    }

    [Fact]
    public void A_crowded_axis_labels_every_second_decade()
    {
        var labels = LogAxis.Ticks(-7, 1, maximumLabels: 6).Where(tick => tick.IsMajor).Select(tick => tick.Label);
        Assert.Equal(["1e-6", "1e-4", "1e-2", "1"], labels);
    }

    [Fact]
    public void A_range_under_two_decades_also_labels_two_and_five_times_each_decade()
    {
        var labels = LogAxis.Ticks(Math.Log10(1.5e-4), Math.Log10(3e-3)).Where(tick => tick.IsMajor).Select(tick => tick.Label);
        Assert.Equal(["2e-4", "5e-4", "1e-3", "2e-3"], labels);
    }

    [Fact]
    public void A_range_covers_the_positive_values_padded_and_widened_to_its_minimum_span()
    {
        var (low, high) = LogAxis.Range([1e-3, 1e-1, double.NaN, 0, -1], padding: 0.1);
        Assert.Equal(-3.2, low, 12);
        Assert.Equal(-0.8, high, 12);
        var (narrowLow, narrowHigh) = LogAxis.Range([1e-3], minimumSpan: 1);
        Assert.Equal((-3.5, -2.5), (narrowLow, narrowHigh));
    }
}
