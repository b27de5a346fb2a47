using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Daemon;
using Reconciler.Controller.Leases;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// The write gate at the one HTTP hook: declared writes of every protocol (rest-json, query,
/// JSON, the SDK's) are refused before sending from a replica without the lease and sent with
/// it; reads always go; operations nothing declares are refused, lease or not.
/// </summary>
public sealed class AwsWriteGateTests : IDisposable
{
    private const string CreateVpcAnswer =
        """<CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpc><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock></vpc></CreateVpcResponse>""";

    private const string DescribeVpcsAnswer =
        """<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet/></DescribeVpcsResponse>""";

    private static readonly AwsEnvironment Emulator =
        AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/"), "us-east-1", new BasicAWSCredentials("testing", "testing"));

    private readonly AmazonDynamoDBClient _leaseDynamoDb = new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9/" });
    private readonly AwsRequestLog _log = new();
    private readonly List<HttpRequestMessage> _sent = [];

    public void Dispose() => _leaseDynamoDb.Dispose();

    [Fact]
    public async Task RestWrite_FromReplicaWithoutLease_IsRefusedBeforeSending()
    {
        using var invoker = Invoker(StandbyGate());

        var refused = await Assert.ThrowsAsync<WriteRefusedException>(() => invoker.SendAsync(OwnRequests.LambdaCreateFunction(), CancellationToken.None));

        Assert.Equal("Refused lambda CreateFunction: replica replica-b does not hold the lease of stack ml-platform with time to spare.", refused.Message);
        Assert.Empty(_sent);
        Assert.Equal(0, _log.Total);
    }

    [Theory]
    [InlineData("rest-json")]
    [InlineData("query")]
    [InlineData("json")]
    public async Task DeclaredWrite_FromReplicaWithoutLease_IsRefusedBeforeSendingAndNotCounted(string protocol)
    {
        using var invoker = Invoker(StandbyGate());

        await Assert.ThrowsAsync<WriteRefusedException>(() => invoker.SendAsync(OwnRequests.Write(protocol), CancellationToken.None));

        Assert.Empty(_sent);
        Assert.Equal(0, _log.Total);
    }

    [Theory]
    [InlineData("rest-json", "lambda", "CreateFunction")]
    [InlineData("query", "elasticloadbalancing", "CreateTargetGroup")]
    [InlineData("json", "ecs", "CreateCluster")]
    public async Task DeclaredWrite_FromReplicaWithLease_IsSentAndLoggedByItsDeclaredName(string protocol, string service, string operation)
    {
        var lease = new HeldLease();
        using var invoker = Invoker(lease);

        using var response = await invoker.SendAsync(OwnRequests.Write(protocol), CancellationToken.None);

        Assert.Single(_sent);
        Assert.Equal([(service, operation)], lease.Asked);
        var record = Assert.Single(_log.Records());
        Assert.Equal((service, operation, true, 200), (record.Service, record.Operation, record.IsWrite, record.StatusCode));
    }

    [Theory]
    [InlineData("rest-json")]
    [InlineData("query")]
    public async Task DeclaredRead_FromReplicaWithoutLease_IsSent(string protocol)
    {
        using var invoker = Invoker(StandbyGate());

        using var response = await invoker.SendAsync(OwnRequests.Read(protocol), CancellationToken.None);

        Assert.Single(_sent);
        Assert.False(Assert.Single(_log.Records()).IsWrite);
    }

    [Fact]
    public async Task Declaration_DecidesWriteness_NotTheOperationsName()
    {
        using var invoker = Invoker(StandbyGate());
        // Names that a verb-guesser would read the other way round.
        using var readNamedLikeAWrite = OwnRequests.Declared(HttpMethod.Post, "/2015-03-31/functions/f/invocations", new AwsOperation(AwsService.Lambda, "PutSomething", false));
        using var writeNamedLikeARead = OwnRequests.Declared(HttpMethod.Post, "/2015-03-31/functions/f/invocations", new AwsOperation(AwsService.Lambda, "GetSomething", true));

        using var response = await invoker.SendAsync(readNamedLikeAWrite, CancellationToken.None);
        await Assert.ThrowsAsync<WriteRefusedException>(() => invoker.SendAsync(writeNamedLikeARead, CancellationToken.None));

        Assert.Single(_sent);
    }

    [Fact]
    public async Task SdkWrite_FromReplicaWithoutLease_IsRefusedBeforeSending()
    {
        using var factory = Factory(StandbyGate(), CreateVpcAnswer);
        using var ec2 = factory.CreateEc2();

        var refused = await Assert.ThrowsAsync<WriteRefusedException>(() => ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" }));

        Assert.StartsWith("Refused ec2 CreateVpc: replica replica-b", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_sent);
        Assert.Equal(0, factory.RequestLog.Total);
    }

    [Fact]
    public async Task SdkWrite_FromReplicaWithLease_IsSent()
    {
        var lease = new HeldLease();
        using var factory = Factory(lease, CreateVpcAnswer);
        using var ec2 = factory.CreateEc2();

        var created = await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" });

        Assert.Equal("vpc-1", created.Vpc.VpcId);
        Assert.Equal([("ec2", "CreateVpc")], lease.Asked);
        var record = Assert.Single(factory.RequestLog.Records());
        Assert.Equal(("ec2", "CreateVpc", true), (record.Service, record.Operation, record.IsWrite));
    }

    [Fact]
    public async Task SdkRead_FromReplicaWithoutLease_IsSent()
    {
        using var factory = Factory(StandbyGate(), DescribeVpcsAnswer);
        using var ec2 = factory.CreateEc2();

        await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Single(_sent);
        Assert.False(Assert.Single(factory.RequestLog.Records()).IsWrite);
    }

    [Fact]
    public async Task SdkOperationNotInTheTable_IsRefusedEvenWithTheLease()
    {
        var lease = new HeldLease();
        using var factory = Factory(lease, DescribeVpcsAnswer);
        using var ec2 = factory.CreateEc2();

        var refused = await Assert.ThrowsAsync<UnknownAwsOperationException>(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest()));

        Assert.Equal(("ec2", "DescribeRegions"), (refused.Service, refused.Operation));
        Assert.StartsWith("Refused ec2 DescribeRegions: the operation is unknown, so whether it writes is unknown and it is not sent.", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_sent);
        Assert.Empty(lease.Asked);
        Assert.Equal(0, factory.RequestLog.Total);
    }

    [Fact]
    public async Task UndeclaredRestRequest_IsRefusedAsUnknown_NotNamedByItsPath()
    {
        using var invoker = Invoker(new HeldLease());
        using var undeclared = OwnRequests.LambdaCreateFunction(declared: false);

        var refused = await Assert.ThrowsAsync<UnknownAwsOperationException>(() => invoker.SendAsync(undeclared, CancellationToken.None));

        Assert.Equal(("lambda", "POST /2015-03-31/functions"), (refused.Service, refused.Operation));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task Cli_KnownWritesPass_UnknownOperationsAreRefused()
    {
        // The factory's default gate is the CLI's: no lease to honour.
        using var factory = Factory(null, CreateVpcAnswer);
        using var ec2 = factory.CreateEc2();

        await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" });
        await Assert.ThrowsAsync<UnknownAwsOperationException>(() => ec2.DescribeRegionsAsync(new DescribeRegionsRequest()));

        Assert.Equal(["CreateVpc"], factory.RequestLog.Records().Select(r => r.Operation));
    }

    [Fact]
    public async Task DaemonGate_BeforeItWatchesALease_LetsKnownWritesPass()
    {
        // The daemon creates the state table before it contests the lease.
        using var invoker = Invoker(new WriteGate());

        using var response = await invoker.SendAsync(OwnRequests.Write("json"), CancellationToken.None);

        Assert.Single(_sent);
    }

    [Fact]
    public void Record_Outcomes_AreCountedByServiceAndOutcome()
    {
        var log = new AwsRequestLog();
        log.Record("ec2", "DescribeVpcs", false, 200);
        log.Record("ec2", "DescribeVpcs", false, 503);
        log.Record("ec2", "CreateVpc", true, 400);
        log.Record("s3", "ListBuckets", false, null);

        var counts = log.CountsByServiceAndOutcome();

        Assert.Equal(1, counts[("ec2", "success")]);
        Assert.Equal(1, counts[("ec2", "server-error")]);
        Assert.Equal(1, counts[("ec2", "client-error")]);
        Assert.Equal(1, counts[("s3", "no-answer")]);
    }

    // The daemon's own gate watching a replica that does not hold the lease: its elector never won a term.
    private WriteGate StandbyGate()
    {
        var gate = new WriteGate();
        gate.Watch(new LeaderElector(_leaseDynamoDb, new StateTableOptions(), "ml-platform", new LeaseOptions { HolderIdentity = "replica-b" }, TimeProvider.System));
        return gate;
    }

    private HttpMessageInvoker Invoker(IAwsWriteGate gate) =>
        new(new AwsRequestCountingHandler(_log, new Network(_sent, "{}"), gate));

    private AwsClientFactory Factory(IAwsWriteGate? gate, string answer) =>
        new(Emulator, null, null, null, new Network(_sent, answer), gate);

    /// <summary>The gate of a replica that holds the lease: every write passes, and each is noted.</summary>
    private sealed class HeldLease : IAwsWriteGate
    {
        public List<(string Service, string Operation)> Asked { get; } = [];

        public void EnsureMayWrite(string service, string operation) => Asked.Add((service, operation));
    }

    private sealed class Network(List<HttpRequestMessage> sent, string answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, answer.StartsWith('<') ? "text/xml" : "application/json") });
        }
    }
}
