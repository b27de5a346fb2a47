using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>The durations and statistics rollout steps are written with.</summary>
public sealed class RolloutDurationsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void TryParse_WholeSecondsMinutesOrHours_GivesTheDuration(string text, int seconds)
    {
        Assert.True(RolloutDurations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("30")]
    [InlineData("1.5m")]
    [InlineData("30 s")]
    [InlineData("-5s")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRefused(string? text) => Assert.False(RolloutDurations.TryParse(text, out _));

    [Theory]
    [InlineData("Average", true)]
    [InlineData("Sum", true)]
    [InlineData("p99", true)]
    [InlineData("p99.9", true)]
    [InlineData("p100", true)]
    [InlineData("p0", false)]
    [InlineData("p101", false)]
    [InlineData("average", false)]
    [InlineData("tm99", false)]
    public void IsKnown_CloudWatchStatisticsAndPercentiles(string statistic, bool known) =>
        Assert.Equal(known, MetricStatistics.IsKnown(statistic));
}
