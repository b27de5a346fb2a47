using Reconciler.Controller.Cli;

namespace Reconciler.Controller.Tests.Cli;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("15s", 15_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    public void Parse_DurationWithUnit_ReturnsIt(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Durations.Parse("interval", text));

    [Theory]
    [InlineData("60")]
    [InlineData("fast")]
    [InlineData("-5s")]
    public void Parse_NoUnitOrNotANumber_IsRejectedWithExamples(string text)
    {
        var error = Assert.Throws<CliUsageException>(() => Durations.Parse("interval", text));

        Assert.Equal($"--interval must be a duration such as 500ms, 15s, 5m or 1h, not '{text}'.", error.Message);
    }
}
