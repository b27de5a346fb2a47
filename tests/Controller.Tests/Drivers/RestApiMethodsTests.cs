using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Controller.Drivers.ApiGateway;
using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class RestApiMethodsTests
{
    private const string AliasArn = "arn:aws:lambda:us-east-1:123456789012:function:inference:live";

    [Fact]
    public void IntegrationUri_OfAnAlias_IsLambdasInvocationPathTargetOfReadsBack()
    {
        var uri = RestApiMethods.IntegrationUri("us-east-1", AliasArn);

        Assert.Equal($"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{AliasArn}/invocations", uri);
        Assert.Equal(AliasArn, RestApiMethods.TargetOf(new Integration { Type = "AWS_PROXY", Uri = uri }));
    }

    [Fact]
    public void TargetOf_NonProxyIntegration_IsItsTypeAndUriSoItNeverEqualsAnAlias()
    {
        var uri = RestApiMethods.IntegrationUri("us-east-1", AliasArn);

        Assert.Equal($"AWS {uri}", RestApiMethods.TargetOf(new Integration { Type = "AWS", Uri = uri }));
        Assert.Equal("MOCK", RestApiMethods.TargetOf(new Integration { Type = "MOCK" }));
        Assert.Equal("(no integration)", RestApiMethods.TargetOf(null));
    }

    [Fact]
    public void MethodsOf_Resources_ListsEveryPathAndVerbWithItsKeyRequirement()
    {
        Resource[] resources =
        [
            new() { Path = "/" },
            new() { Path = "/predict", ResourceMethods = new Dictionary<string, Method> { ["POST"] = new() { ApiKeyRequired = true }, ["GET"] = new() } },
        ];

        var methods = RestApiMethods.MethodsOf(resources).Select(m => (m.Path, m.HttpMethod, m.ApiKeyRequired)).Order();

        Assert.Equal([("/predict", "GET", false), ("/predict", "POST", true)], methods);
    }

    [Fact]
    public void Segment_MediaType_IsEscapedAsAJsonPointerSegment()
    {
        Assert.Equal("application~1octet-stream", Patch.Segment("application/octet-stream"));
        Assert.Equal("a~0b~1c", Patch.Segment("a~b/c"));
    }

    [Fact]
    public void AccountOf_AliasArn_IsItsFifthField()
    {
        Assert.Equal("123456789012", LambdaInvokePermission.AccountOf(AliasArn));
        Assert.Throws<InvalidOperationException>(() => LambdaInvokePermission.AccountOf("not-an-arn"));
    }
}
