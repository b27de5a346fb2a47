using Reconciler.Aws.Clients.ApiGateway;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class ApiGatewayMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateRestApiAndUsagePlan_AreSeenByTheCliAndPagedBack()
    {
        var gateway = moto.Clients.CreateApiGateway();
        var names = new[] { MotoFixture.Unique("api"), MotoFixture.Unique("api") };
        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add((await gateway.CreateRestApiAsync(new CreateRestApiRequest { Name = name, Description = "inference", Tags = new Dictionary<string, string> { ["env"] = "dev" } })).Id!);
        }

        var plan = await gateway.CreateUsagePlanAsync(new CreateUsagePlanRequest
        {
            Name = MotoFixture.Unique("plan"),
            Throttle = new ThrottleSettings { RateLimit = 50, BurstLimit = 100 },
            Quota = new QuotaSettings { Limit = 10000, Period = "MONTH" },
        });

        var read = await gateway.GetRestApiAsync(new GetRestApiRequest { RestApiId = ids[0] });
        var cli = await moto.CliAsync("apigateway", "get-rest-api", "--rest-api-id", ids[0]);
        var cliPlan = await moto.CliAsync("apigateway", "get-usage-plan", "--usage-plan-id", plan.Id!);
        var listed = await gateway.GetRestApisAllAsync(new GetRestApisRequest { Limit = 1 }).Select(a => a.Id).ToListAsync();

        Assert.Equal(names[0], cli.GetProperty("name").GetString());
        Assert.Equal("inference", read.Description);
        Assert.Equal("dev", read.Tags!["env"]);
        Assert.True(read.CreatedDate > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(100, cliPlan.GetProperty("throttle").GetProperty("burstLimit").GetInt32());
        Assert.Equal(10000, cliPlan.GetProperty("quota").GetProperty("limit").GetInt32());
        Assert.Contains(ids[0], listed);
        Assert.Contains(ids[1], listed);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetRestApi_OfAMissingApi_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateApiGateway().GetRestApiAsync(new GetRestApiRequest { RestApiId = "nosuchapi" }));

        Assert.Equal("NotFoundException", error.ErrorCode);
    }
}
