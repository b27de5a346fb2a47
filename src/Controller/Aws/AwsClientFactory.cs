using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Reconciler.Aws.Protocol;
using Own = Reconciler.Aws.Clients;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Creates every AWS client the controller uses, configured from one <see cref="AwsEnvironment"/>:
/// the official SDK clients (EC2, S3, DynamoDB, STS) and the project's own (CloudWatch Logs, ...).
/// All of them send through one HTTP handler chain that holds each attempt until the
/// service's <see cref="Budget"/> allows it, refuses operations nothing declares and writes
/// the write gate stops (<see cref="AwsRequestCountingHandler"/>), counts each request in <see cref="RequestLog"/>,
/// shares one connection pool, retries every call through one <see cref="AwsResiliencePipeline"/>
/// and times out each attempt. Dispose it when the clients are no longer used.
/// </summary>
public sealed class AwsClientFactory : IDisposable
{
    private readonly HttpMessageHandler _handler;
    private readonly HttpClient _ownHttp;
    private readonly CountingHttpClientFactory _sdkHttp;
    private readonly AwsRequestSender _sender;

    /// <summary>Creates the factory; validates <paramref name="environment"/> first.</summary>
    /// <param name="environment">Region, endpoints, credentials and retry options.</param>
    /// <param name="requestLog">Where requests are counted; a new log when null.</param>
    /// <param name="timeProvider">Clock for the own clients' signing, timeouts and backoff; the system clock when null.</param>
    public AwsClientFactory(AwsEnvironment environment, AwsRequestLog? requestLog = null, TimeProvider? timeProvider = null)
        : this(environment, requestLog, timeProvider, null, writeGate: null)
    {
    }

    /// <summary>Creates the factory on a request budget shared with other factories of the process.</summary>
    /// <param name="environment">Region, endpoints, credentials and retry options.</param>
    /// <param name="requestLog">Where requests are counted; a new log when null.</param>
    /// <param name="timeProvider">Clock for the own clients' signing, timeouts and backoff; the system clock when null.</param>
    /// <param name="budget">
    /// The budget every request waits on; when null the factory builds its own from
    /// <see cref="AwsEnvironment.Budget"/> on <paramref name="timeProvider"/>.
    /// </param>
    /// <param name="writeGate">
    /// Asked before every declared write is sent; when null, <see cref="LeaselessWriteGate"/> (the
    /// CLI's: known writes pass). Either way an operation of unknown write-ness is refused.
    /// </param>
    /// <param name="faults">
    /// Faults to inject into every request (<see cref="AwsFaultInjectionHandler"/>); when null, read
    /// from RECONCILER_FAULTS, and when that is unset too nothing is injected and no handler is added.
    /// </param>
    /// <exception cref="AwsConfigurationException">RECONCILER_FAULTS is invalid; it lists every problem.</exception>
    public AwsClientFactory(
        AwsEnvironment environment, AwsRequestLog? requestLog, TimeProvider? timeProvider, AwsRequestBudget? budget, IAwsWriteGate? writeGate = null, AwsFaultOptions? faults = null)
        : this(environment, requestLog, timeProvider, budget, null, writeGate, faults: faults ?? AwsFaultOptions.FromEnvironment())
    {
    }

    /// <summary>For tests: <paramref name="innerHandler"/> replaces the network.</summary>
    /// <remarks><paramref name="random"/> fixes the backoff's jitter in [0, 1).</remarks>
    internal AwsClientFactory(
        AwsEnvironment environment,
        AwsRequestLog? requestLog,
        TimeProvider? timeProvider,
        AwsRequestBudget? budget,
        HttpMessageHandler? innerHandler,
        IAwsWriteGate? writeGate = null,
        Func<double>? random = null,
        AwsFaultOptions? faults = null)
    {
        environment.ThrowIfInvalid();
        Environment = environment;
        var time = timeProvider ?? TimeProvider.System;
        RequestLog = requestLog ?? new AwsRequestLog(time);
        Budget = budget ?? new AwsRequestBudget(environment.Budget, time);

        innerHandler ??= new SocketsHttpHandler
        {
            // Re-resolve DNS now and then: AWS endpoints move.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        // Injected faults count as requests made, and injected throttling slows the budget as AWS's does.
        if (faults is { Enabled: true })
        {
            innerHandler = new AwsFaultInjectionHandler(faults, innerHandler);
        }

        // The budget waits outside the counter: a request cancelled while waiting was never sent.
        _handler = new AwsRequestBudgetHandler(Budget, new AwsRequestCountingHandler(RequestLog, innerHandler, writeGate ?? LeaselessWriteGate.Instance));
        // Own clients time out per attempt in AwsRequestSender, so the HttpClient must not cut them first.
        _ownHttp = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _sdkHttp = new CountingHttpClientFactory(_handler);

        // Resolved on first use, so commands that never call AWS need no credentials; a failed
        // resolution is not cached, so a long-running controller tries again.
        Resilience = new AwsResiliencePipeline(environment.Retry, time, random);
        _sender = new AwsRequestSender(_ownHttp, environment, AwsCredentialChain.For(environment), time, resilience: Resilience);
        Clients = new AwsClientBuilder(_sender);
    }

    /// <summary>The settings every client is built from.</summary>
    public AwsEnvironment Environment { get; }

    /// <summary>Counts of every request made by every client this factory created.</summary>
    public AwsRequestLog RequestLog { get; }

    /// <summary>The request budget every client of this factory waits on; its current rates and throttling counts are for metrics.</summary>
    public AwsRequestBudget Budget { get; }

    /// <summary>The one retry pipeline of every client this factory makes, official SDK clients and own clients alike.</summary>
    public AwsResiliencePipeline Resilience { get; }

    /// <summary>Builds the project's generated clients on this factory's sender, so they share its budget, log and write gate.</summary>
    public AwsClientBuilder Clients { get; }

    /// <summary>An official EC2 client.</summary>
    public IAmazonEC2 CreateEc2()
    {
        var config = Configure(new AmazonEC2Config(), AwsService.Ec2);
        return Environment.Credentials is { } credentials ? new AmazonEC2Client(credentials, config) : new AmazonEC2Client(config);
    }

    /// <summary>An official S3 client; path-style addressing when the endpoint is overridden (emulators).</summary>
    public IAmazonS3 CreateS3()
    {
        var config = Configure(new AmazonS3Config(), AwsService.S3);
        config.ForcePathStyle = Environment.ResolveEndpoint(AwsService.S3) is not null;
        return Environment.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    /// <summary>An official DynamoDB client.</summary>
    public IAmazonDynamoDB CreateDynamoDb()
    {
        var config = Configure(new AmazonDynamoDBConfig(), AwsService.DynamoDb);
        return Environment.Credentials is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    /// <summary>An official STS client.</summary>
    public IAmazonSecurityTokenService CreateSts()
    {
        var config = Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts);
        return Environment.Credentials is { } credentials
            ? new AmazonSecurityTokenServiceClient(credentials, config)
            : new AmazonSecurityTokenServiceClient(config);
    }

    /// <summary>The project's own Acm client (generated).</summary>
    public Own.Acm.IAcmClient CreateAcm() => Clients.CreateAcm();

    /// <summary>The project's own ApiGateway client (generated).</summary>
    public Own.ApiGateway.IApiGatewayClient CreateApiGateway() => Clients.CreateApiGateway();

    /// <summary>The project's own AutoScaling client (generated).</summary>
    public Own.AutoScaling.IAutoScalingClient CreateAutoScaling() => Clients.CreateAutoScaling();

    /// <summary>The project's own Budgets client (generated).</summary>
    public Own.Budgets.IBudgetsClient CreateBudgets() => Clients.CreateBudgets();

    /// <summary>The project's own CloudTrail client (generated).</summary>
    public Own.CloudTrail.ICloudTrailClient CreateCloudTrail() => Clients.CreateCloudTrail();

    /// <summary>The project's own CloudWatch client (generated).</summary>
    public Own.CloudWatch.ICloudWatchClient CreateCloudWatch() => Clients.CreateCloudWatch();

    /// <summary>The project's own CloudWatch Logs client (generated).</summary>
    public Own.CloudWatchLogs.ICloudWatchLogsClient CreateCloudWatchLogs() => Clients.CreateCloudWatchLogs();

    /// <summary>The project's own Ecr client (generated).</summary>
    public Own.Ecr.IEcrClient CreateEcr() => Clients.CreateEcr();

    /// <summary>The project's own Ecs client (generated).</summary>
    public Own.Ecs.IEcsClient CreateEcs() => Clients.CreateEcs();

    /// <summary>The project's own ElasticLoadBalancingV2 client (generated).</summary>
    public Own.ElasticLoadBalancingV2.IElasticLoadBalancingV2Client CreateElasticLoadBalancingV2() => Clients.CreateElasticLoadBalancingV2();

    /// <summary>The project's own Iam client (generated).</summary>
    public Own.Iam.IIamClient CreateIam() => Clients.CreateIam();

    /// <summary>The project's own Lambda client (generated).</summary>
    public Own.Lambda.ILambdaClient CreateLambda() => Clients.CreateLambda();

    /// <summary>The project's own Rds client (generated).</summary>
    public Own.Rds.IRdsClient CreateRds() => Clients.CreateRds();

    /// <summary>The project's own ResourceGroupsTaggingApi client (generated).</summary>
    public Own.ResourceGroupsTaggingApi.IResourceGroupsTaggingApiClient CreateResourceGroupsTaggingApi() => Clients.CreateResourceGroupsTaggingApi();

    /// <summary>The project's own SecretsManager client (generated).</summary>
    public Own.SecretsManager.ISecretsManagerClient CreateSecretsManager() => Clients.CreateSecretsManager();

    /// <summary>The project's own Sns client (generated).</summary>
    public Own.Sns.ISnsClient CreateSns() => Clients.CreateSns();

    /// <summary>The project's own SSM client (generated): public parameters naming the latest AMIs.</summary>
    public Own.Ssm.ISsmClient CreateSsm() => Clients.CreateSsm();

    /// <summary>The JSON protocol for a new own client (see <see cref="AwsJsonProtocol"/>).</summary>
    internal AwsJsonProtocol CreateJsonProtocol(AwsService service, string targetPrefix, string jsonVersion) =>
        new(_sender, service, targetPrefix, jsonVersion);

    /// <summary>The query protocol for a new own client (see <see cref="AwsQueryProtocol"/>).</summary>
    internal AwsQueryProtocol CreateQueryProtocol(AwsService service, string apiVersion) =>
        new(_sender, service, apiVersion);

    /// <inheritdoc />
    public void Dispose()
    {
        _ownHttp.Dispose();
        _handler.Dispose();
    }

    private T Configure<T>(T config, AwsService service)
        where T : ClientConfig
    {
        var endpoint = Environment.ResolveEndpoint(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Environment.Region);
        }
        else
        {
            // ServiceURL replaces the region's endpoint; the region is still needed for signing.
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = Environment.SigningRegionFor(service);
        }

        // AwsEnvironment already read AWS_ENDPOINT_URL*: it alone decides, so a programmatic
        // override (sandbox, tests) is not undone by the process environment.
        config.IgnoreConfiguredEndpointUrls = true;
        // The SDK's RetryHandler is replaced by the project's pipeline (AwsSdkRetryHandler), which
        // signs each attempt afresh: a retry after minutes of throttling needs a current date.
        config.ResignRetries = true;
        config.Timeout = Environment.Retry.AttemptTimeout;
        AwsSdkResilience.Attach(config, Resilience);
        config.HttpClientFactory = _sdkHttp;
        return config;
    }
}
