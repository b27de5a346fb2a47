using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

public sealed class AwsFaultOptionsTests
{
    [Fact]
    public void Parse_TheDocumentedMix_ReadsEverySetting()
    {
        var options = AwsFaultOptions.Parse("throttle=0.3,error5xx=0.05,latencyMs=20,lostWrites=0.15,seed=7");

        Assert.Equal(new AwsFaultOptions { Throttle = 0.3, Error5xx = 0.05, LatencyMs = 20, LostWrites = 0.15, Seed = 7 }, options);
        Assert.True(options!.Enabled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Unset_IsOff(string? text) => Assert.Null(AwsFaultOptions.Parse(text));

    [Fact]
    public void Parse_Invalid_ReportsEveryProblemWithItsFix()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsFaultOptions.Parse("throttle=2,latencyMs=-1,lost=0.1"));

        Assert.Equal(
            [
                "RECONCILER_FAULTS: throttle is '2'; set it to a share between 0 and 1, e.g. throttle=0.05.",
                "RECONCILER_FAULTS: latencyMs is '-1'; set it to a whole number between 0 and 60000.",
                "RECONCILER_FAULTS: unknown setting 'lost'; use throttle, error5xx, latencyMs, lostWrites, seed or crashAfter.",
            ],
            error.Errors);
    }

    [Fact]
    public void Parse_SharesAddingUpToMoreThanOne_IsRefused()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsFaultOptions.Parse("throttle=0.7,error5xx=0.5"));

        Assert.Equal(["RECONCILER_FAULTS: throttle (0.7) and error5xx (0.5) add up to more than 1; lower them."], error.Errors);
    }
}
