using Reconciler.Controller.Rollouts;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Rollouts;

/// <summary>What a Lambda green version is published with, and the description a resumed leader finds it by.</summary>
public sealed class GreenVersionsTests
{
    private static readonly ModelRef Model = new("2", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "5117b6f6");

    [Fact]
    public void EnvironmentFor_SetsTheModelKeys_AndKeepsTheRestOfTheEnvironment()
    {
        var current = new Dictionary<string, string> { ["Hosting__Mode"] = "Lambda", [LambdaRuntimeSpec.VersionKey] = "1", ["Auth__SecretId"] = "keys" };

        var environment = GreenVersions.EnvironmentFor(Model, current);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Hosting__Mode"] = "Lambda",
                ["Auth__SecretId"] = "keys",
                [LambdaRuntimeSpec.VersionKey] = "2",
                [LambdaRuntimeSpec.VersionIdKey] = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
                [LambdaRuntimeSpec.Sha256Key] = "5117b6f6",
            },
            environment);
    }

    [Fact]
    public void DescriptionOf_NamesTheLabelAndObjectVersion_SoAReuploadOfTheLabelIsANewGreen()
    {
        Assert.Equal("reconciler rollout: model version 2 (S3 object version 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY)", GreenVersions.DescriptionOf(Model));
        Assert.NotEqual(GreenVersions.DescriptionOf(Model), GreenVersions.DescriptionOf(Model with { VersionId = "other" }));
    }
}
