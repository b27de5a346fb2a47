using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Controller.Drift;
using Reconciler.Controller.Leases;
using Reconciler.Controller.Rollouts;
using Reconciler.Controller.State;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Daemon;
using Reconciler.Integration.Tests.Drivers;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Integration.Tests.Leases;
using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// One rollout test's world on the emulator: the traffic documents (load balancer, blue and green
/// target groups, the weighted HTTPS listener), a versioned model bucket holding model versions
/// "1", "2" and "3", an InferenceService over them, their identities recorded in the state table
/// as an apply would, a lease cluster whose leader fences the engine's writes, and the engine on
/// a clock of its own that only the test moves. Checks go through the aws CLI.
/// </summary>
internal sealed class RolloutRig : IAsyncDisposable
{
    public const string Service = RolloutDocuments.Service;

    public const string ModelKey = RolloutDocuments.ModelKey;

    private readonly AwsEmulatorFixture _emulator;
    private readonly string _strategy;

    private RolloutRig(AwsEmulatorFixture emulator, string strategy, LeaseCluster cluster)
    {
        _emulator = emulator;
        _strategy = strategy;
        Cluster = cluster;
        Harness = new DriverHarness(emulator, Documents("1"));
        Aws = new AwsCli(emulator.Endpoint);
        State = new StateStore(cluster.DynamoDb, cluster.Table, Clock);
        Store = new RolloutStore(cluster.DynamoDb, cluster.Table.TableName);
    }

    public DriverHarness Harness { get; }

    public LeaseCluster Cluster { get; }

    public AwsCli Aws { get; }

    public StateStore State { get; }

    public RolloutStore Store { get; }

    /// <summary>The engine's clock (the leases keep their own).</summary>
    public ManualClock Clock { get; } = new();

    public WebhookReceiver Webhooks { get; } = new();

    public string Stack => Harness.StackName;

    public string ListenerArn { get; private set; } = "";

    public string BlueArn { get; private set; } = "";

    public string GreenArn { get; private set; } = "";

    public static async Task<RolloutRig> CreateAsync(AwsEmulatorFixture emulator, string strategy)
    {
        var rig = new RolloutRig(emulator, strategy, await LeaseCluster.CreateAsync(emulator));
        await rig.SetUpAsync();
        return rig;
    }

    /// <summary>The documents with <paramref name="version"/> at spec.model.version, as a commit would hold them.</summary>
    public string Documents(string version) => TrafficDocuments.Join(RolloutDocuments.Traffic, RolloutDocuments.Inference(version, _strategy));

    /// <summary>Commits <paramref name="version"/>: the next tick sees the new documents.</summary>
    public void Commit(string version) => Harness.Load(Documents(version));

    /// <summary>An engine as a (re)started leader builds it.</summary>
    public RolloutEngine Engine() =>
        new(Harness.Context.Aws, State, Store, new WebhookAlertSink(new HttpClient(), new DriftOptions { Webhooks = [new WebhookOptions { Url = Webhooks.Url("alerts") }] }, TimeProvider.System, NullLogger.Instance), Clock, NullLogger.Instance);

    /// <summary>One tick of <paramref name="engine"/> (a fresh one by default) with <paramref name="fence"/> (the first leader's by default).</summary>
    public async Task<RolloutState> TickAsync(LeaseFence? fence = null, RolloutEngine? engine = null)
    {
        await (engine ?? Engine()).TickAsync(Harness.Stack, "rev", fence ?? Cluster.Candidates[0].Elector.Leadership!.Fence, CancellationToken.None);
        return (await Store.ReadAsync(Stack, Service, CancellationToken.None))!;
    }

    /// <summary>Blue's and green's weights as the listener holds them, read with the aws CLI.</summary>
    public async Task<(int Blue, int Green)> ListenerWeightsAsync()
    {
        var listener = (await Aws.RunAsync("elbv2", "describe-listeners", "--listener-arns", ListenerArn))!["Listeners"]![0]!;
        var groups = listener["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
        int WeightOf(string arn) => groups.Single(g => (string)g!["TargetGroupArn"]! == arn)!["Weight"]!.GetValue<int>();
        return (WeightOf(BlueArn), WeightOf(GreenArn));
    }

    /// <summary>
    /// Publishes what the ALB would for green over the last 10 s of the engine's clock:
    /// <paramref name="requests"/> requests of which <paramref name="errors"/> answered 5xx.
    /// </summary>
    public Task PublishGreenAsync(int requests, int errors, string? greenArn = null) =>
        RolloutDocuments.PublishGreenAsync(Aws, ListenerArn, greenArn ?? GreenArn, Clock.GetUtcNow() - TimeSpan.FromSeconds(10), requests, errors);

    /// <summary>Runs the command line (in process) against the state table, e.g. rollout promote penguins.</summary>
    /// <summary>
    /// Commits version "2", takes the tick that gives green its first weight, lets the first pause
    /// run out and publishes a clean window for green: the next tick analyses and advances.
    /// </summary>
    public async Task StartAndPassTheFirstPauseAsync()
    {
        Commit("2");
        await TickAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        await PublishGreenAsync(requests: 100, errors: 0);
    }

    public Task<CliRun> CliAsync(params string[] args) => new CliHarness(_emulator.Environment).RunAsync([.. args, "--stack", Stack]);

    private async Task SetUpAsync()
    {
        await Harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        var listener = await Harness.CreateAsync("Listener", "https");
        var bucket = await Harness.CreateAsync("Bucket", "models");
        ListenerArn = listener.Identity["id"];
        BlueArn = Harness.Context.Identities.IdOf("TargetGroup", "blue");
        GreenArn = Harness.Context.Identities.IdOf("TargetGroup", "green");
        var bucketName = bucket.Identity["id"];
        await RolloutDocuments.PutModelVersionsAsync(Aws, bucketName);

        await State.EnsureTableAsync(CancellationToken.None);
        foreach (var (kind, name, id) in new[] { ("Listener", "https", ListenerArn), ("TargetGroup", "blue", BlueArn), ("TargetGroup", "green", GreenArn), ("Bucket", "models", bucketName) })
        {
            await State.RecordAppliedAsync(Stack, new RecordedResource { Key = new ResourceKey(kind, name), Identity = new Dictionary<string, string> { ["id"] = id } }, CancellationToken.None);
        }

        await Cluster.StartAsync("a");
    }

    public async ValueTask DisposeAsync()
    {
        Webhooks.Dispose();
        Harness.Dispose();
        await Cluster.DisposeAsync();
    }

    /// <summary>The alerts the webhook received.</summary>
    public IReadOnlyList<JsonNode> Alerts => Webhooks.On("alerts");
}
