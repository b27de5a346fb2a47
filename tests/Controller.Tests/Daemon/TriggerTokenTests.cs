using Reconciler.Controller.Daemon;

namespace Reconciler.Controller.Tests.Daemon;

public sealed class TriggerTokenTests
{
    private const string Secret = "a-long-enough-trigger-secret";

    [Fact]
    public void Allows_BearerWithTheToken() => Assert.True(new TriggerToken(Secret).Allows($"Bearer {Secret}"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer a-long-enough-trigger-secreT")]
    [InlineData("Bearer a-long-enough-trigger-secret-and-more")]
    [InlineData("Basic a-long-enough-trigger-secret")]
    [InlineData("a-long-enough-trigger-secret")]
    public void Allows_AnythingElse_IsRefused(string? authorization) => Assert.False(new TriggerToken(Secret).Allows(authorization));

    [Fact]
    public void ToString_NeverShowsTheToken()
    {
        var options = new RunOptions { Source = "desired-state/dev", TriggerToken = new TriggerToken(Secret) };

        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        Assert.Equal("(set)", options.TriggerToken.ToString());
    }
}
