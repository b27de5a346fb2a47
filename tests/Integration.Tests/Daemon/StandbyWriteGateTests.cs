using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Daemon;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.State;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Integration.Tests.Leases;
using Reconciler.Model.Loading;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// Two replicas contest one stack's lease on the emulator (fake clocks that do not move, so
/// the leader keeps its term for the whole test): the standby's AWS writes, of every protocol,
/// are refused by the daemon's write gate and never reach the emulator, which the aws CLI
/// confirms; the leader's same writes do reach it, so the check would see a leak.
/// </summary>
public sealed class StandbyWriteGateTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "standby-gate";
    private readonly AwsCli _aws = new(emulator.Endpoint);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-standby-" + Guid.NewGuid().ToString("N"));
    private readonly WriteGate _leaderGate = new();
    private readonly WriteGate _standbyGate = new();
    private LeaseCluster? _cluster;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        _cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await _cluster.StartAsync("replica-a");
        var standby = await _cluster.StartAsync("replica-b");
        Assert.Same(leader, Assert.Single(_cluster.Leaders));
        Assert.True(leader.Elector.MayWrite);
        Assert.False(standby.Elector.MayWrite);
        _leaderGate.Watch(leader.Elector);
        _standbyGate.Watch(standby.Elector);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Standby_RestAndQueryWrites_AreRefusedAndNeverReachAws()
    {
        var log = new AwsRequestLog();
        using var standby = Invoker(log, _standbyGate);

        await Assert.ThrowsAsync<WriteRefusedException>(() => standby.SendAsync(LambdaCreateFunction(), CancellationToken.None));
        await Assert.ThrowsAsync<WriteRefusedException>(() => standby.SendAsync(ApiGatewayCreateRestApi("standby-api"), CancellationToken.None));
        await Assert.ThrowsAsync<WriteRefusedException>(() => standby.SendAsync(ElbCreateTargetGroup("standby-tg"), CancellationToken.None));

        Assert.Equal(0, log.Total);
        Assert.Empty((await _aws.RunAsync("lambda", "list-functions"))!["Functions"]!.AsArray());
        Assert.Empty((await _aws.RunAsync("apigateway", "get-rest-apis"))?["items"]?.AsArray() ?? []);
        Assert.Empty((await _aws.RunAsync("elbv2", "describe-target-groups"))!["TargetGroups"]!.AsArray());
    }

    [Fact]
    public async Task Standby_Reads_AreSent()
    {
        var log = new AwsRequestLog();
        using var standby = Invoker(log, _standbyGate);

        using var response = await standby.SendAsync(ElbDescribeTargetGroups(), CancellationToken.None);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(("elasticloadbalancing", "DescribeTargetGroups", false), (log.Records()[0].Service, log.Records()[0].Operation, log.Records()[0].IsWrite));
    }

    [Fact]
    public async Task Leader_TheSameRestAndQueryWrites_ReachAws()
    {
        var log = new AwsRequestLog();
        using var leader = Invoker(log, _leaderGate);

        using var api = await leader.SendAsync(ApiGatewayCreateRestApi("leader-api"), CancellationToken.None);
        using var group = await leader.SendAsync(ElbCreateTargetGroup("leader-tg"), CancellationToken.None);

        Assert.True(api.IsSuccessStatusCode, await api.Content.ReadAsStringAsync());
        Assert.True(group.IsSuccessStatusCode, await group.Content.ReadAsStringAsync());
        Assert.Equal(["CreateRestApi", "CreateTargetGroup"], log.Records().Select(r => r.Operation));
        Assert.Equal("leader-api", (string?)Assert.Single((await _aws.RunAsync("apigateway", "get-rest-apis"))!["items"]!.AsArray())!["name"]);
        Assert.Equal("leader-tg", (string?)Assert.Single((await _aws.RunAsync("elbv2", "describe-target-groups"))!["TargetGroups"]!.AsArray())!["TargetGroupName"]);
    }

    [Fact]
    public async Task Standby_ApplyingAStackWithAVpc_CreatesNoVpc()
    {
        WriteStackWithVpc();
        var loaded = DesiredStateLoader.Load(_folder);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        using var factory = new AwsClientFactory(emulator.Environment, new AwsRequestLog(), null, null, _standbyGate);
        var clients = AwsClients.From(factory);
        var reconciler = new StackReconciler(
            DriverCatalog.Default, clients, new StateStore(clients.DynamoDb, new StateTableOptions(), TimeProvider.System), new ExecutorOptions(), TimeProvider.System, NullLogger.Instance);

        var result = await reconciler.ApplyAsync(loaded.Stack!, new ApplyOptions(), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.False(outcome.Succeeded);
        Assert.Contains("does not hold the lease", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.RequestLog.Records(), r => r.IsWrite);
        Assert.Empty((await _aws.RunAsync("ec2", "describe-vpcs", "--filters", $"Name=tag:reconciler:stack,Values={Stack}"))!["Vpcs"]!.AsArray());
        Assert.Empty((await _aws.RunAsync("ec2", "describe-vpcs", "--filters", "Name=cidr,Values=10.77.0.0/16"))!["Vpcs"]!.AsArray());
    }

    private void WriteStackWithVpc()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {Stack}
            spec:
              region: us-east-1
              accountId: "{emulator.AccountId}"
              tags:
                environment: test
            ---
            kind: Vpc
            metadata:
              name: main
            spec:
              cidrBlock: 10.77.0.0/16

            """);
    }

    private static HttpMessageInvoker Invoker(AwsRequestLog log, WriteGate gate) =>
        new(new AwsRequestCountingHandler(log, new SocketsHttpHandler(), gate));

    private HttpRequestMessage LambdaCreateFunction() =>
        Json(
            AwsService.Lambda,
            "/2015-03-31/functions",
            """{"FunctionName":"standby-fn","Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/lambda","Handler":"app.handler","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""",
            new AwsOperation(AwsService.Lambda, "CreateFunction", true));

    private HttpRequestMessage ApiGatewayCreateRestApi(string name) =>
        Json(AwsService.ApiGateway, "/restapis", $$"""{"name":"{{name}}"}""", new AwsOperation(AwsService.ApiGateway, "CreateRestApi", true));

    private HttpRequestMessage ElbCreateTargetGroup(string name) =>
        Query(AwsService.ElasticLoadBalancingV2, $"Action=CreateTargetGroup&Version=2015-12-01&Name={name}&TargetType=lambda", new AwsOperation(AwsService.ElasticLoadBalancingV2, "CreateTargetGroup", true));

    private HttpRequestMessage ElbDescribeTargetGroups() =>
        Query(AwsService.ElasticLoadBalancingV2, "Action=DescribeTargetGroups&Version=2015-12-01", new AwsOperation(AwsService.ElasticLoadBalancingV2, "DescribeTargetGroups", false));

    // A rest-json request as an own client sends it: signed for its service, its operation declared.
    private HttpRequestMessage Json(AwsService service, string path, string json, AwsOperation operation) =>
        Signed(service, path, Encoding.UTF8.GetBytes(json), "application/json", operation);

    // A query request as an own client sends it.
    private HttpRequestMessage Query(AwsService service, string form, AwsOperation operation) =>
        Signed(service, "/", Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded; charset=utf-8", operation);

    private HttpRequestMessage Signed(AwsService service, string path, byte[] body, string contentType, AwsOperation operation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Endpoint, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Options.Set(AwsOperation.OptionKey, operation);
        // moto routes by the credential scope and checks no signature, so the scope is all that must be right.
        var now = DateTimeOffset.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/{now:yyyyMMdd}/us-east-1/{service.SigningName}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        return request;
    }
}
