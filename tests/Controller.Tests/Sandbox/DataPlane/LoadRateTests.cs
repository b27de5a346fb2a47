using Reconciler.Controller.Daemon;
using Reconciler.Controller.Sandbox.DataPlane;

namespace Reconciler.Controller.Tests.Sandbox.DataPlane;

public sealed class LoadRateTests
{
    [Theory]
    [InlineData("20", 20)]
    [InlineData("20/s", 20)]
    [InlineData("1200/m", 20)]
    [InlineData("0.5/s", 0.5)]
    [InlineData("0", 0)]
    [InlineData("off", 0)]
    public void Parse_Rate_IsRequestsPerSecond(string text, double expected) => Assert.Equal(expected, LoadRate.Parse(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("20/h")]
    [InlineData("")]
    public void Parse_NotARate_IsNaN(string text) => Assert.True(double.IsNaN(LoadRate.Parse(text)));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    [InlineData(501)]
    public void RunOptions_LoadOutOfBounds_NamesTheOption(double rate) =>
        Assert.Contains(new RunOptions { Source = "desired-state/dev", SandboxLoad = rate }.Validate(), e => e.StartsWith("--sandbox-load must be", StringComparison.Ordinal));

    [Theory]
    [InlineData("0.0.0.0:9480")]
    [InlineData("localhost")]
    public void RunOptions_ProxyNotLoopbackHostPort_NamesTheOption(string proxy) =>
        Assert.Contains(new RunOptions { Source = "desired-state/dev", SandboxProxy = proxy }.Validate(), e => e.StartsWith("--sandbox-proxy must be", StringComparison.Ordinal));
}
