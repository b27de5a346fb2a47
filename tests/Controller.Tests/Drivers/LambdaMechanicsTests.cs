using Reconciler.Aws.Clients.Lambda;
using Reconciler.Controller.Drivers.Lambda;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class LambdaMechanicsTests
{
    [Theory]
    [InlineData("models", "lambda/inference.zip", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")]
    [InlineData("ml-platform-dev-models", "a/b/c?d.zip", "null")]
    public void CodeSource_WrittenAsAVersionDescription_ReadsBackTheSame(string bucket, string key, string version)
    {
        var source = new FunctionCodeSource(bucket, key, version);

        Assert.Equal(source, FunctionCodeSource.Parse(source.Description));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("deployed by hand")]
    [InlineData("s3://bucket-only")]
    [InlineData("s3://bucket/key-without-version")]
    [InlineData("s3://bucket/key?versionId=")]
    public void CodeSource_DescriptionNotWrittenByTheReconciler_NamesNone(string? description) =>
        Assert.Null(FunctionCodeSource.Parse(description));

    [Fact]
    public void AliasRouting_LambdaFractions_ArePercentages()
    {
        var routing = new AliasRoutingConfiguration { AdditionalVersionWeights = new Dictionary<string, double> { ["4"] = 0.105 } };

        Assert.Equal(new AliasRoutingSpec { AdditionalVersion = 4, Weight = 11 }, AliasDriver.RoutingOf(routing));
        Assert.Equal(new AliasRoutingSpec(), AliasDriver.RoutingOf(null));
        Assert.Equal(new AliasRoutingSpec(), AliasDriver.RoutingOf(new AliasRoutingConfiguration { AdditionalVersionWeights = new Dictionary<string, double>() }));
    }

    [Fact]
    public void AliasArn_NamesItsFunctionAndAlias() =>
        Assert.Equal(("ml-platform-dev-inference", "live"), LambdaAliasArn.Parse("arn:aws:lambda:us-east-1:123456789012:function:ml-platform-dev-inference:live"));
}
