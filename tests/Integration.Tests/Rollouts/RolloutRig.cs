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
/// One rollout test's world on the emulator: the runtime's documents (on an ALB: load balancer,
/// blue and green target groups, the weighted HTTPS listener; on Lambda: the function, its role
/// and log group, and the alias <c>live</c> with <c>routingOwner: rollout</c>), a versioned model
/// bucket holding model versions "1", "2" and "3", an InferenceService over them, their
/// identities recorded in the state table as an apply would, a lease cluster whose leader fences
/// the engine's writes, and the engine on a clock of its own that only the test moves. Checks go
/// through the aws CLI.
/// </summary>
internal sealed class RolloutRig : IAsyncDisposable
{
    public const string Service = RolloutDocuments.Service;

    public const string ModelKey = RolloutDocuments.ModelKey;

    /// <summary>The Lambda runtime's alias document (and alias name).</summary>
    public const string Alias = "live";

    private readonly AwsEmulatorFixture _emulator;
    private readonly string _strategy;
    private readonly bool _lambda;
    private string _packageVersion = "not-uploaded-yet";
    private (string From, string To)[] _functionEdits = [];

    private RolloutRig(AwsEmulatorFixture emulator, string strategy, LeaseCluster cluster, bool lambda)
    {
        _emulator = emulator;
        _strategy = strategy;
        _lambda = lambda;
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

    /// <summary>The Lambda runtime's function name (unique per test).</summary>
    public string FunctionName { get; } = $"fn-{Guid.NewGuid():N}"[..16];

    /// <summary>A rig whose InferenceService runs on the ALB listener.</summary>
    public static async Task<RolloutRig> CreateAsync(AwsEmulatorFixture emulator, string strategy)
    {
        var rig = new RolloutRig(emulator, strategy, await LeaseCluster.CreateAsync(emulator), lambda: false);
        await rig.SetUpAsync();
        return rig;
    }

    /// <summary>A rig whose InferenceService runs on the Lambda alias <see cref="Alias"/> (at version 1 of the function).</summary>
    public static async Task<RolloutRig> CreateOnLambdaAsync(AwsEmulatorFixture emulator, string strategy)
    {
        var rig = new RolloutRig(emulator, strategy, await LeaseCluster.CreateAsync(emulator), lambda: true);
        await rig.SetUpLambdaAsync();
        return rig;
    }

    /// <summary>The documents with <paramref name="version"/> at spec.model.version, as a commit would hold them.</summary>
    public string Documents(string version) => _lambda ? LambdaDocumentsText(version) : TrafficDocuments.Join(RolloutDocuments.Traffic, RolloutDocuments.Inference(version, _strategy));

    // The function declares the model label it starts with (used at create only: the rollout owns it after).
    private string LambdaDocumentsText(string version) => TrafficDocuments.Join(
        _functionEdits.Aggregate(
            LambdaDocuments.TextFor(FunctionName, _packageVersion).Replace("    Hosting__Mode: Lambda", "    Hosting__Mode: Lambda\n    Inference__Models__0__Version: \"1\"", StringComparison.Ordinal),
            (text, edit) => text.Replace(edit.From, edit.To, StringComparison.Ordinal)),
        $$"""
        kind: Alias
        metadata:
          name: {{Alias}}
        spec:
          function: inference
          version: latest-published
          routingOwner: rollout
        """,
        RolloutDocuments.InferenceService(version, RolloutDocuments.LambdaRuntime(Alias), _strategy));

    /// <summary>Edits the Function document (as a commit would) and loads the documents at <paramref name="version"/>.</summary>
    public void EditFunction(string version, params (string From, string To)[] edits)
    {
        _functionEdits = edits;
        Commit(version);
    }

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

    /// <summary>
    /// The alias as the aws CLI shows it: the version it points at (blue) and green's routed version
    /// and weight in percent (null and 0 without routing).
    /// </summary>
    public async Task<(string Version, string? Routed, int Weight)> AliasAsync()
    {
        var alias = (await Aws.RunAsync("lambda", "get-alias", "--function-name", FunctionName, "--name", Alias))!;
        var routed = alias["RoutingConfig"]?["AdditionalVersionWeights"]?.AsObject().SingleOrDefault();
        return ((string)alias["FunctionVersion"]!, routed?.Key, routed is { Value: { } weight } ? (int)Math.Round(weight.GetValue<double>() * 100) : 0);
    }

    /// <summary>The function's published version numbers, read with the aws CLI.</summary>
    public async Task<List<string>> PublishedVersionsAsync() =>
        [.. (await Aws.RunAsync("lambda", "list-versions-by-function", "--function-name", FunctionName))!["Versions"]!.AsArray()
            .Select(v => (string)v!["Version"]!)
            .Where(v => v != "$LATEST")];

    /// <summary>A function version's (or $LATEST's) environment variables, read with the aws CLI.</summary>
    public async Task<JsonObject> EnvironmentAsync(string qualifier = "$LATEST") =>
        (await Aws.RunAsync("lambda", "get-function-configuration", "--function-name", FunctionName, "--qualifier", qualifier))!["Environment"]!["Variables"]!.AsObject();

    /// <summary>
    /// Publishes what Lambda would for green over the last 10 s of the engine's clock: the alias's
    /// <paramref name="invocations"/> that ran <paramref name="version"/>, of which <paramref name="errors"/> failed.
    /// </summary>
    public Task PublishGreenInvocationsAsync(string version, int invocations, int errors) =>
        RolloutDocuments.PublishGreenInvocationsAsync(Aws, FunctionName, Alias, version, Clock.GetUtcNow() - TimeSpan.FromSeconds(10), invocations, errors);

    /// <summary>
    /// Commits version "2", takes the tick that gives green its first weight, lets the first pause
    /// run out and publishes a clean window for green (invocations of version 2 on Lambda): the
    /// next tick analyses and advances.
    /// </summary>
    public async Task StartAndPassTheFirstPauseAsync()
    {
        Commit("2");
        await TickAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        if (_lambda)
        {
            await PublishGreenInvocationsAsync("2", invocations: 100, errors: 0);
        }
        else
        {
            await PublishGreenAsync(requests: 100, errors: 0);
        }
    }

    /// <summary>Runs the command line (in process) against the state table, e.g. rollout promote penguins.</summary>
    public Task<CliRun> CliAsync(params string[] args) => new CliHarness(_emulator.Environment).RunAsync([.. args, "--stack", Stack]);

    private async Task SetUpAsync()
    {
        await Harness.CreateAllAsync(TrafficDocuments.UpToListeners);
        var listener = await Harness.CreateAsync("Listener", "https");
        var bucket = await Harness.CreateAsync("Bucket", "models");
        ListenerArn = listener.Identity["id"];
        BlueArn = Harness.Context.Identities.IdOf("TargetGroup", "blue");
        GreenArn = Harness.Context.Identities.IdOf("TargetGroup", "green");
        await RolloutDocuments.PutModelVersionsAsync(Aws, bucket.Identity["id"]);
        await RecordAsync(("Listener", "https", ListenerArn), ("TargetGroup", "blue", BlueArn), ("TargetGroup", "green", GreenArn), ("Bucket", "models", bucket.Identity["id"]));
    }

    // The function (version 1 published at create) and its alias at version 1, from a package in the model bucket.
    private async Task SetUpLambdaAsync()
    {
        await Harness.CreateAllAsync(("Bucket", "models"), ("Role", "fn"), ("LogGroup", "fn-logs"));
        var bucketName = Harness.Context.Identities.IdOf("Bucket", "models");
        _packageVersion = await LambdaDocuments.UploadPackageAsync(Aws, bucketName, "#!/bin/sh\nexec ./Reconciler.Inference\n");
        Harness.Load(Documents("1"));
        var function = await Harness.CreateAsync("Function", "inference");
        var alias = await Harness.CreateAsync("Alias", Alias);
        await RolloutDocuments.PutModelVersionsAsync(Aws, bucketName);
        await RecordAsync(("Function", "inference", function.Identity["id"]), ("Alias", Alias, alias.Identity["id"]), ("Bucket", "models", bucketName));
    }

    // The identities an apply would have recorded, then the lease cluster's first leader.
    private async Task RecordAsync(params (string Kind, string Name, string Id)[] resources)
    {
        await State.EnsureTableAsync(CancellationToken.None);
        foreach (var (kind, name, id) in resources)
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
