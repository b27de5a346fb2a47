using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Daemon;
using Reconciler.Integration.Tests.Emulator;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// Rollouts run by real controller processes (<c>reconciler run</c>) against the emulator, killed
/// with -9, frozen with SIGSTOP and replaced by a standby, as issue 12 asks: the rollout resumes
/// at the same step with the same pause deadline, no step is applied twice, and a stale leader
/// writes nothing. Everything is checked from outside: the rollout item of the state table read
/// with the aws CLI, the listener with the aws CLI, the weights every process sent as the
/// emulator recorded them (<see cref="ListenerWeightWrites"/>), and each process's request log.
/// <para>
/// Green's metrics are published by the test (<c>aws cloudwatch put-metric-data</c>, as the ALB
/// would), not by <c>run --sandbox</c>'s data plane: the sandbox starts a private emulator per
/// process, while replicas that fail over must share one; and publishing lets each test decide
/// when green's analysis has data (a rollout never advances on silence).
/// </para>
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RolloutReplicaTests(AwsEmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<AwsEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Stack = "rollouts";

    // Indexes into Steps.
    private const int PauseStep = 1;
    private const int AnalysisStep = 2;

    // Short steps: a first pause as long as a test needs (to kill and restart a controller inside
    // it on a loaded machine, or to freeze one), an analysis measured every 10 s, two more weights.
    private static string Steps(int pauseSeconds) => $$"""
              - setWeight: 10
              - pause: {duration: {{pauseSeconds}}s}
              - analysis:
                  metrics:
                    - name: green-5xx
                      type: errorRate
                      threshold: 0.05
                      interval: 10s
              - setWeight: 50
              - pause: {duration: 2s}
              - setWeight: 100
        """;

    // The setWeight values of Steps, in order.
    private static readonly int[] DeclaredWeights = [10, 50, 100];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-rollouts-" + Guid.NewGuid().ToString("N"));
    private readonly List<ReplicaProcess> _replicas = [];
    private readonly AwsCli _aws = new(emulator.Endpoint);
    private readonly ListenerWeightWrites _writes = new(emulator.Endpoint);
    private readonly CancellationTokenSource _stopTraffic = new();
    private Task _traffic = Task.CompletedTask;
    private string _listenerArn = "";
    private string _greenArn = "";
    private int _pauseSeconds = 30;

    public async Task InitializeAsync()
    {
        await emulator.ResetAsync();
        SmallStack.Write(_folder, Stack);
        await File.WriteAllTextAsync(Path.Combine(_folder, "traffic.yaml"), RolloutDocuments.Traffic);
        await _writes.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _stopTraffic.CancelAsync();
        await _traffic;
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _writes.Dispose();
        _stopTraffic.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public Task KilledDuringAPause_RestartedController_ResumesAtTheSameStepAndDeadline_ThenSucceeds() =>
        KillDuringTheFirstPauseAsync(["r1"], killed => Start(killed.Name), pauseSeconds: 20);

    [Fact]
    public Task KilledDuringAPause_StandbyTakesOver_AtTheSameStepAndDeadline_ThenSucceeds() =>
        KillDuringTheFirstPauseAsync(["r1", "r2"], killed => _replicas.Single(r => r != killed && !r.HasExited), pauseSeconds: 25);

    [Fact]
    public async Task KilledDuringAnalysis_StandbyTakesOver_ContinuesTheSameAnalysisStep_WithoutRedoingAStep()
    {
        _pauseSeconds = 5;
        Start("r1", "r2");
        await DeployAsync();
        var (leader, _) = await StartRolloutAsync();
        var standby = _replicas.Single(r => r != leader);

        // Green gets no traffic yet: its analysis stays inconclusive, so the rollout stays at the
        // analysis step until the test publishes green's metrics.
        var analysing = await EventuallyRolloutAsync(
            r => (int)r["step"]! == AnalysisStep && r["analysis"]!.AsArray().Count > 0,
            "the analysis step with a first (inconclusive) measurement");
        Assert.All(analysing["analysis"]!.AsArray(), m => Assert.Equal("inconclusive", (string?)m!["outcome"], ignoreCase: true));

        Assert.Equal("leader", await leader.RoleAsync());
        leader.Kill();
        var killed = DateTimeOffset.UtcNow;
        StartGreenTraffic();
        Assert.True(await DaemonClient.EventuallyAsync(async () => await standby.RoleAsync() == "leader", Bound), standby.Output);

        var done = await SucceededAsync();

        // The standby went on with the same analysis step: every measurement of the rollout is of
        // that step, those taken before the kill are kept, and the one that passed it came after.
        var measurements = done["analysis"]!.AsArray();
        Assert.All(measurements, m => Assert.Equal(AnalysisStep, (int)m!["step"]!));
        Assert.Equal(analysing["analysis"]!.ToJsonString(), new JsonArray([.. measurements.Take(analysing["analysis"]!.AsArray().Count).Select(m => m!.DeepClone())]).ToJsonString());
        var passed = Assert.Single(measurements, m => string.Equals((string?)m!["outcome"], "passed", StringComparison.OrdinalIgnoreCase))!;
        Assert.True(DateTimeOffset.Parse((string)passed["at"]!, CultureInfo.InvariantCulture) > killed);

        AssertStepsWrittenInOrderOnce(await _writes.ReadAsync(_greenArn), leader, standby);
        Assert.Equal((0, 100), await ListenerWeightsAsync());
    }

    [Fact]
    public async Task LeaderFrozenDuringAPause_StandbyMovesTheRolloutOn_TheOldLeaderWritesNothingAfterWaking()
    {
        // Long enough for the standby to take over inside it.
        _pauseSeconds = 15;
        Start("r1", "r2");
        await DeployAsync();
        StartGreenTraffic();
        var (leader, paused) = await StartRolloutAsync();
        var standby = _replicas.Single(r => r != leader);
        Assert.Equal("Paused", (string?)paused["phase"]);
        Assert.Equal("leader", await leader.RoleAsync());

        leader.Freeze();
        Assert.True(await DaemonClient.EventuallyAsync(async () => await standby.RoleAsync() == "leader", Bound), standby.Output);
        await EventuallyRolloutAsync(r => (int)r["step"]! > PauseStep, "the standby moving the rollout past the pause");
        var thawed = DateTimeOffset.UtcNow;
        leader.Thaw();

        // The old leader runs on while the standby finishes the rollout.
        var done = await SucceededAsync();
        Assert.True(await DaemonClient.EventuallyAsync(async () => await leader.RoleAsync() == "standby", Bound), leader.Output);

        // Nothing after waking: no weight, no rollout state, no AWS write of any kind.
        Assert.Empty(leader.WritesSentSince(thawed));
        var writes = await _writes.ReadAsync(_greenArn);
        AssertStepsWrittenInOrderOnce(writes, leader, standby);

        // The standby kept the frozen leader's pause deadline.
        AssertPauseEndedNoEarlierThanItsDeadline(paused, done, writes);
        Assert.Equal((0, 100), await ListenerWeightsAsync());
    }

    [Fact]
    public async Task RolloutInProgress_DaemonStatusAndRolloutStatusCommand_ShowTheSamePhaseStepAndWeights()
    {
        Start("r1");
        await DeployAsync();
        var (leader, _) = await StartRolloutAsync();

        // /status has what the leader's last tick recorded, a moment after the state table.
        JsonNode? shown = null;
        Assert.True(
            await DaemonClient.EventuallyAsync(
                async () => (shown = (await leader.Client.StatusAsync())?["rollouts"]?.AsArray().SingleOrDefault(r => (string?)r!["service"] == RolloutDocuments.Service)) is { } r && (string?)r["phase"] == "Paused",
                Bound),
            $"/status shows {shown?.ToJsonString() ?? "no rollout"}");
        var command = await new CliHarness(emulator.Environment).RunAsync("rollout", "status", RolloutDocuments.Service, "--json", "--stack", Stack);
        Assert.True(command.ExitCode == 0, command.ToString());
        var json = JsonNode.Parse(command.Output)!;

        Assert.Equal(("Paused", PauseStep, 90, 10), ((string?)shown!["phase"], (int)shown["step"]!, (int)shown["blueWeight"]!, (int)shown["greenWeight"]!));
        // The command counts steps from 1 ("step 2/6"); /status has the state's index.
        Assert.Equal(("Paused", PauseStep + 1, 90, 10), ((string?)json["phase"], (int)json["step"]!, (int)json["weights"]!["blue"]!, (int)json["weights"]!["green"]!));
    }

    /// <summary>
    /// Kills the leader with -9 in the first pause; <paramref name="successor"/> gives the process
    /// that leads next (the same replica restarted, or the standby). It finds the pause recorded
    /// before the kill (same step, same deadline), ends it no earlier than that deadline, and
    /// finishes the rollout, every step's weight written once.
    /// </summary>
    private async Task KillDuringTheFirstPauseAsync(string[] replicas, Func<ReplicaProcess, ReplicaProcess> successor, int pauseSeconds)
    {
        // Long enough for the next leader to tick inside it: a restarted process takes the lease
        // at once (3 s after the kill on a loaded machine), a standby after the lease's 6 s
        // (8 s seen), and the kill comes a few seconds into the pause.
        _pauseSeconds = pauseSeconds;
        Start(replicas);
        await DeployAsync();
        StartGreenTraffic();
        var (killed, paused) = await StartRolloutAsync();
        Assert.Equal("Paused", (string?)paused["phase"]);
        Assert.Equal("leader", await killed.RoleAsync());

        killed.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var next = successor(killed);

        // The next leader has ticked on this rollout (its /status shows it, version 2 rolling out).
        Assert.True(
            await DaemonClient.EventuallyAsync(
                async () => await next.Client.StatusAsync() is { } status && (string?)status["role"] == "leader"
                    && status["rollouts"]?.AsArray().Any(r => (string?)r!["target"]?["label"] == "2") == true,
                Bound),
            Outputs());
        output.WriteLine($"the next leader ticked {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0} s after the kill, {(Deadline(paused) - DateTimeOffset.UtcNow).TotalSeconds:0.0} s before the pause's deadline");

        // The pause it found is the one recorded before the kill.
        var resumed = (await RolloutAsync())!;
        Assert.True(DateTimeOffset.UtcNow < Deadline(paused), $"the next leader took past the pause's deadline {Deadline(paused):O}; the test cannot see the resumed pause");
        Assert.Equal(("Paused", PauseStep, 10), ((string?)resumed["phase"], (int)resumed["step"]!, (int)resumed["greenWeight"]!));
        Assert.Equal(Deadline(paused), Deadline(resumed));

        var done = await SucceededAsync();
        var writes = await _writes.ReadAsync(_greenArn);
        AssertPauseEndedNoEarlierThanItsDeadline(paused, done, writes);
        AssertStepsWrittenInOrderOnce(writes, killed, next);
        Assert.Equal((0, 100), await ListenerWeightsAsync());
    }

    /// <summary>
    /// The first pause of <paramref name="paused"/> ended no earlier than the deadline recorded when
    /// it began: the analysis after it measured first at or after that deadline, and green's next
    /// weight was sent no earlier (X-Amz-Date has whole seconds).
    /// </summary>
    private static void AssertPauseEndedNoEarlierThanItsDeadline(JsonNode paused, JsonNode done, IReadOnlyList<WeightWrite> writes)
    {
        var deadline = Deadline(paused);
        var measured = done["analysis"]!.AsArray().Select(m => DateTimeOffset.Parse((string)m!["at"]!, CultureInfo.InvariantCulture)).Min();
        Assert.True(measured >= deadline, $"analysis at {measured:O}, pause deadline {deadline:O}");
        var fifty = writes.First(w => w.Green == 50);
        Assert.True(fifty.SignedAt >= deadline.AddTicks(-(deadline.Ticks % TimeSpan.TicksPerSecond)), $"{fifty}; pause deadline {deadline:O}");
    }

    /// <summary>
    /// The weights the processes wrote (ModifyListener, in the order the emulator received them)
    /// follow the declared steps exactly once each, across crashes and leaders:
    /// <list type="number">
    /// <item>with repeats of the same value in a row collapsed, the values are the declared
    /// setWeight values in order (never back, none skipped, none extra);</item>
    /// <item>each process's writes form one contiguous run, in the order the processes led
    /// (<paramref name="leaders"/>): once a later leader wrote, an earlier one never writes again
    /// (no stale leader's weight);</item>
    /// <item>within one process's run no value is written twice (no step applied twice); the only
    /// repeat allowed is the first write of a later leader equal to the last write of the one
    /// before: the weight that was pending when it crashed, sent again as the same absolute
    /// values.</item>
    /// </list>
    /// </summary>
    private void AssertStepsWrittenInOrderOnce(IReadOnlyList<WeightWrite> writes, params ReplicaProcess[] leaders)
    {
        var described = string.Join("\n", writes);
        output.WriteLine(described);
        var collapsed = writes.Select(w => w.Green).Where((green, i) => i == 0 || writes[i - 1].Green != green).ToList();
        Assert.True(collapsed.SequenceEqual(DeclaredWeights), $"expected green {string.Join(", ", DeclaredWeights)}; written:\n{described}");

        var runs = writes.Select((w, i) => (w, i)).GroupBy(x => x.w.AccessKeyId).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList());
        var order = leaders.Select(l => l.AccessKeyId).Where(runs.ContainsKey).ToList();
        Assert.True(runs.Keys.All(order.Contains), $"writes by a process that is none of {string.Join(", ", leaders.Select(l => l.Name))}:\n{described}");
        var position = 0;
        foreach (var key in order)
        {
            Assert.True(runs[key].SequenceEqual(Enumerable.Range(position, runs[key].Count)), $"writes of {key} are not one run after the previous leader's:\n{described}");
            var values = runs[key].Select(i => writes[i].Green).ToList();
            Assert.True(values.Distinct().Count() == values.Count, $"{key} wrote a value twice:\n{described}");
            position += values.Count;
        }
    }

    private ReplicaProcess Start(params string[] names)
    {
        if (!File.Exists(Path.Combine(_folder, "inference.yaml")))
        {
            WriteVersion("1");
        }

        foreach (var name in names)
        {
            // A long poll interval: cycles come at leadership and on /trigger, as after a webhook,
            // and a standby's view of the source is as old as a real one's may be.
            _replicas.Add(ReplicaProcess.Start(
                name, emulator.Endpoint, _folder,
                "--interval", "120s", "--lease-duration", "6s", "--renew-deadline", "4s", "--retry-period", "1s"));
        }

        return _replicas[^1];
    }

    private void WriteVersion(string version) =>
        File.WriteAllText(Path.Combine(_folder, "inference.yaml"), RolloutDocuments.Inference(version, Steps(_pauseSeconds)));

    /// <summary>
    /// Waits for the leader's first apply, uploads the model's versions into the bucket it made,
    /// and waits for the rollout engine to record blue serving version "1".
    /// </summary>
    private async Task DeployAsync()
    {
        var leader = await LeaderAsync();
        string? bucket = null;
        var looks = 0;
        var applied = await DaemonClient.EventuallyAsync(
            async () =>
            {
                // A cycle that failed part way is tried again at once, not after the long interval.
                if (++looks % 15 == 0)
                {
                    await leader.Client.TriggerAsync();
                }

                bucket = await IdOfAsync("Bucket", "models");
                _listenerArn = await IdOfAsync("Listener", "https") ?? "";
                _greenArn = await IdOfAsync("TargetGroup", "green") ?? "";
                return bucket is not null && _listenerArn.Length > 0 && _greenArn.Length > 0;
            },
            Bound,
            TimeSpan.FromSeconds(1));
        Assert.True(applied, leader.Output);
        await RolloutDocuments.PutModelVersionsAsync(_aws, bucket!);
        var first = await EventuallyRolloutAsync(r => (string?)r["phase"] == "Succeeded", "the first sight of the service");
        Assert.Equal("1", (string?)first["stable"]!["label"]);
    }

    /// <summary>
    /// Commits version "2", tells the leader (only the leader, as a git webhook reaching one
    /// replica would), and waits for green's first weight: the rollout in the first pause, or
    /// past it (a short pause may end between two looks).
    /// </summary>
    private async Task<(ReplicaProcess Leader, JsonNode Rollout)> StartRolloutAsync()
    {
        var leader = await LeaderAsync();
        WriteVersion("2");
        await leader.Client.TriggerAsync();
        var started = await EventuallyRolloutAsync(r => (string?)r["target"]?["label"] == "2" && (int)r["step"]! >= PauseStep, "green's first weight");
        Assert.Equal(10, (int)started["greenWeight"]!);
        Assert.Equal((90, 10), await ListenerWeightsAsync());
        return (leader, started);
    }

    private Task<JsonNode> SucceededAsync() =>
        EventuallyRolloutAsync(r => (string?)r["phase"] == "Succeeded" && (string?)r["stable"]!["label"] == "2", "the rollout of version 2 to succeed");

    // Green serving requests without errors, as its ALB would report them, every two seconds.
    private void StartGreenTraffic() => _traffic = Task.Run(async () =>
    {
        while (!_stopTraffic.IsCancellationRequested)
        {
            try
            {
                await RolloutDocuments.PublishGreenAsync(_aws, _listenerArn, _greenArn, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1), requests: 100, errors: 0);
            }
            catch (InvalidOperationException busy)
            {
                // A gap in green's metrics only makes a measurement inconclusive; the next one counts.
                output.WriteLine($"publishing green's metrics failed once: {busy.Message}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), _stopTraffic.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    });

    private Task<ReplicaProcess> LeaderAsync() => ReplicaProcess.LeaderAsync(_replicas, Bound);

    /// <summary>The rollout item of the state table (its JSON body), read with the aws CLI; null before the first.</summary>
    private async Task<JsonNode?> RolloutAsync()
    {
        var item = (await _aws.RunAsync("dynamodb", "get-item", "--table-name", "reconciler-state", "--consistent-read", "--key", Key("rollout#" + RolloutDocuments.Service)))?["Item"];
        return item is null ? null : JsonNode.Parse((string)item["body"]!["S"]!);
    }

    private async Task<JsonNode> EventuallyRolloutAsync(Func<JsonNode, bool> condition, string what)
    {
        JsonNode? last = null;
        var reached = await DaemonClient.EventuallyAsync(async () => (last = await RolloutAsync()) is { } r && condition(r), Bound, TimeSpan.FromMilliseconds(500));
        Assert.True(reached, $"waiting for {what}; the rollout: {last?.ToJsonString() ?? "(none)"}\n{Outputs()}");
        return last!;
    }

    private async Task<string?> IdOfAsync(string kind, string name)
    {
        var item = (await _aws.RunAsync("dynamodb", "get-item", "--table-name", "reconciler-state", "--consistent-read", "--key", Key($"resource#{kind}/{name}")))?["Item"];
        return (string?)item?["identity"]?["M"]?["id"]?["S"];
    }

    private static string Key(string sortKey) => $$$"""{"pk":{"S":"stack#{{{Stack}}}"},"sk":{"S":"{{{sortKey}}}"}}""";

    private static DateTimeOffset Deadline(JsonNode rollout) => DateTimeOffset.Parse((string)rollout["pauseDeadline"]!, CultureInfo.InvariantCulture);

    private async Task<(int Blue, int Green)> ListenerWeightsAsync()
    {
        var listener = (await _aws.RunAsync("elbv2", "describe-listeners", "--listener-arns", _listenerArn))!["Listeners"]![0]!;
        var groups = listener["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
        var green = groups.Single(g => (string)g!["TargetGroupArn"]! == _greenArn)!["Weight"]!.GetValue<int>();
        var blue = groups.Single(g => (string)g!["TargetGroupArn"]! != _greenArn)!["Weight"]!.GetValue<int>();
        return (blue, green);
    }

    private string Outputs() => ReplicaProcess.Outputs(_replicas);
}
