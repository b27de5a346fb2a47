using System.Text.Json.Nodes;
using Reconciler.Controller.Drivers.ApiGateway;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class RestApiDriverTests(AwsEmulatorFixture emulator)
{
    [Fact]
    public async Task RestApi_Created_ProxiesEveryMethodToTheAliasBehindAKeyOnALoggedThrottledStage()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;

        var created = await api.Harness.CreateAsync("RestApi", "inference");
        var observed = await api.Harness.ObserveAsync("RestApi", "inference");

        api.Harness.AssertInSync(created);
        api.Harness.AssertInSync(observed);
        var id = created.Identity["id"];
        var aliasArn = await api.AliasArnAsync();
        var restApi = (await api.Aws.RunAsync("apigateway", "get-rest-api", "--rest-api-id", id))!;
        Assert.Equal(["application/octet-stream"], restApi["binaryMediaTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["REGIONAL"], restApi["endpointConfiguration"]!["types"]!.AsArray().Select(t => t!.GetValue<string>()));
        var predict = (await api.ResourcesAsync(id))["/models/{model}/predict"]["resourceMethods"]!["POST"]!;
        Assert.True(predict["apiKeyRequired"]!.GetValue<bool>());
        Assert.Equal("AWS_PROXY", predict["methodIntegration"]!["type"]!.GetValue<string>());
        Assert.Equal($"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{aliasArn}/invocations", predict["methodIntegration"]!["uri"]!.GetValue<string>());
        var stage = await api.StageAsync(id, "v1");
        Assert.False(string.IsNullOrEmpty(stage["deploymentId"]?.GetValue<string>()));
        Assert.EndsWith($":log-group:/{api.Harness.StackName}/api-access", stage["accessLogSettings"]!["destinationArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((50d, 100), (stage["methodSettings"]!["*/*"]!["throttlingRateLimit"]!.GetValue<double>(), stage["methodSettings"]!["*/*"]!["throttlingBurstLimit"]!.GetValue<int>()));
        Assert.Equal("resnet18", stage["variables"]!["modelName"]!.GetValue<string>());
        Assert.Equal($"https://{id}.execute-api.us-east-1.amazonaws.com/v1", observed.Outputs["invokeUrl"]);
    }

    [Fact]
    public async Task RestApi_Created_LetsApiGatewayInvokeTheAliasFromThisApiOnly()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;

        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        var statement = await InvokeStatementAsync(api, id);
        Assert.NotNull(statement);
        Assert.Equal("apigateway.amazonaws.com", statement["Principal"]!["Service"]!.GetValue<string>());
        Assert.EndsWith($":{id}/*", statement["Condition"]!["ArnLike"]!["AWS:SourceArn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestApi_PermissionRemovedOutOfBand_IsDriftOnTheAliasAndUpdateGrantsItAgain()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        await api.Aws.RunAsync("lambda", "remove-permission", "--function-name", api.Lambda.FunctionName, "--qualifier", "live", "--statement-id", $"reconciler-apigateway-{id}");
        var field = Assert.Single(api.Harness.Changes(await api.Harness.ObserveAsync("RestApi", "inference")));
        var (updated, _) = await api.Harness.UpdateAsync("RestApi", "inference");

        Assert.Equal(("alias", "\"live" + RestApiDriver.NotPermitted + "\"", "\"live\""), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString()));
        api.Harness.AssertInSync(updated);
        Assert.NotNull(await InvokeStatementAsync(api, id));
    }

    [Fact]
    public async Task RestApi_MethodAddedInDocument_UpdatePutsItAndPointsTheStageAtANewDeployment()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];
        var deployed = (await api.StageAsync(id, "v1"))["deploymentId"]!.GetValue<string>();

        api.Load(ApiDocuments.RestApi.Replace("  stage:", "    - path: /health\n      httpMethod: GET\n      apiKeyRequired: false\n  stage:", StringComparison.Ordinal));
        var (updated, fields) = await api.Harness.UpdateAsync("RestApi", "inference");

        Assert.Equal(["methods"], fields.Select(f => f.Path).Distinct());
        api.Harness.AssertInSync(updated);
        var health = (await api.ResourcesAsync(id))["/health"]["resourceMethods"]!["GET"]!;
        Assert.False(health["apiKeyRequired"]!.GetValue<bool>());
        var redeployed = (await api.StageAsync(id, "v1"))["deploymentId"]!.GetValue<string>();
        Assert.NotEqual(deployed, redeployed);
    }

    [Fact]
    public async Task RestApi_MethodRemovedFromDocument_UpdateDeletesItAndItsResources()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        api.Load(ApiDocuments.RestApi.Replace("    - path: /models/{model}/predict\n      httpMethod: POST\n", "", StringComparison.Ordinal));
        var (updated, _) = await api.Harness.UpdateAsync("RestApi", "inference");

        api.Harness.AssertInSync(updated);
        Assert.Equal(["/", "/predict"], (await api.ResourcesAsync(id)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RestApi_StageThrottleChangedOutOfBand_IsDriftAndUpdateRestoresIt()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        await api.Aws.RunAsync("apigateway", "update-stage", "--rest-api-id", id, "--stage-name", "v1", "--patch-operations", "op=replace,path=/*/*/throttling/rateLimit,value=5");
        var observed = await api.Harness.ObserveAsync("RestApi", "inference");
        var field = Assert.Single(api.Harness.Changes(observed));
        var (updated, _) = await api.Harness.UpdateAsync("RestApi", "inference");

        Assert.Equal(("stage.throttle.rateLimit", "5", "50", false), (field.Path, field.Before?.ToJsonString(), field.After?.ToJsonString(), field.ForcesReplacement));
        api.Harness.AssertInSync(updated);
        Assert.Equal(50d, (await api.StageAsync(id, "v1"))["methodSettings"]!["*/*"]!["throttlingRateLimit"]!.GetValue<double>());
    }

    [Fact]
    public async Task RestApi_StageRenamedAndVariablesChangedInDocument_UpdateServesTheNewStageOnly()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        api.Load(ApiDocuments.RestApi.Replace("name: v1", "name: v2", StringComparison.Ordinal).Replace("modelName: resnet18", "modelName: resnet50", StringComparison.Ordinal));
        var (updated, _) = await api.Harness.UpdateAsync("RestApi", "inference");

        api.Harness.AssertInSync(updated);
        var stages = (await api.Aws.RunAsync("apigateway", "get-stages", "--rest-api-id", id))!["item"]!.AsArray();
        var stage = Assert.Single(stages)!;
        Assert.Equal(("v2", "resnet50"), (stage["stageName"]!.GetValue<string>(), stage["variables"]!["modelName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RestApi_DescriptionChangedInDocument_IsUpdatedInPlace()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var id = (await api.Harness.CreateAsync("RestApi", "inference")).Identity["id"];

        api.Load(ApiDocuments.RestApi.Replace("at most 100 items", "at most 100 items, 10 MB", StringComparison.Ordinal));
        var changes = api.Harness.Changes(await api.Harness.ObserveAsync("RestApi", "inference"));
        var (updated, _) = await api.Harness.UpdateAsync("RestApi", "inference");

        Assert.Equal(["description"], changes.Select(f => f.Path));
        api.Harness.AssertInSync(updated);
        Assert.Equal("Inference; at most 100 items, 10 MB per request.", (await api.Aws.RunAsync("apigateway", "get-rest-api", "--rest-api-id", id))!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestApi_CreatedTwice_AdoptsTheTaggedApi()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;

        var first = await api.Harness.CreateAsync("RestApi", "inference");
        var second = await api.Harness.CreateAsync("RestApi", "inference");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
        api.Harness.AssertInSync(second);
    }

    [Fact]
    public async Task RestApi_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        var api = await ApiDocuments.SetUpAsync(emulator, ApiDocuments.RestApi);
        using var _ = api.Harness;
        var created = await api.Harness.CreateAsync("RestApi", "inference");

        await api.Harness.DeleteAsync("RestApi", "inference", created.Identity);
        var observed = await api.Harness.ObserveAsync("RestApi", "inference", recorded: created.Identity);
        await api.Harness.DeleteAsync("RestApi", "inference", created.Identity);

        Assert.False(observed.Exists);
        var apis = (await api.Aws.RunAsync("apigateway", "get-rest-apis"))!["items"]!.AsArray();
        Assert.DoesNotContain(apis, a => a!["id"]!.GetValue<string>() == created.Identity["id"]);
    }

    private static async Task<JsonNode?> InvokeStatementAsync(ApiDocuments api, string apiId)
    {
        var policy = (await api.Aws.RunAsync("lambda", "get-policy", "--function-name", api.Lambda.FunctionName, "--qualifier", "live"))!["Policy"]!.GetValue<string>();
        return JsonNode.Parse(policy)!["Statement"]!.AsArray().FirstOrDefault(s => s!["Sid"]!.GetValue<string>() == $"reconciler-apigateway-{apiId}");
    }
}
