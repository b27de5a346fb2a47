using Reconciler.Model.Kinds;

namespace Reconciler.Model.Tests.Kinds;

public sealed class CreateBeforeDestroyTests
{
    [Theory]
    [InlineData("RouteTable")]
    [InlineData("ElasticIp")]
    public void Kind_AwsNamedWithNothingExclusive_ReplacesCreateBeforeDestroy(string kind) =>
        Assert.True(KindCatalog.Find(kind)!.CreateBeforeDestroy);

    [Theory]
    [InlineData("Bucket")]
    [InlineData("Table")]
    [InlineData("LogGroup")]
    [InlineData("SecurityGroup")]
    [InlineData("Subnet")]
    [InlineData("Vpc")]
    [InlineData("InternetGateway")]
    [InlineData("NatGateway")]
    [InlineData("VpcEndpoint")]
    public void Kind_NameOrSomethingElseExclusive_ReplacesDeleteThenCreate(string kind) =>
        Assert.False(KindCatalog.Find(kind)!.CreateBeforeDestroy);
}
