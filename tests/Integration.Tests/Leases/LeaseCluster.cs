using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Leases;
using Reconciler.Controller.State;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Leases;

/// <summary>
/// Replicas contesting one stack's lease on the emulator, on fake clocks. Time moves only in
/// <see cref="AdvanceAsync"/>, in small steps; after each step it waits (in real time) until
/// every replica's loop is asleep again, so what the DynamoDB calls did is visible before time
/// moves on. The DynamoDB calls are real.
/// </summary>
internal sealed class LeaseCluster : IAsyncDisposable
{
    /// <summary>How far the clock moves between two looks at the replicas.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Real time a replica may take to finish one wake-up. It only detects a loop that never
    /// sleeps again: the fake clocks stand still meanwhile, so a slow emulator answer changes no
    /// outcome. Generous, because on a loaded 2-core CI machine one DynamoDB call to moto took
    /// over 10 s while the other test classes ran beside this one.
    /// </summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    private readonly AwsEmulatorFixture _emulator;
    private readonly AwsClientFactory _factory;
    private readonly List<Candidate> _candidates = [];

    private LeaseCluster(AwsEmulatorFixture emulator, AwsClientFactory factory, IAmazonDynamoDB dynamoDb)
    {
        _emulator = emulator;
        _factory = factory;
        DynamoDb = dynamoDb;
    }

    /// <summary>The clock of every replica not given its own.</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>A stack name no other test uses.</summary>
    public string Stack { get; } = "leases-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The state table.</summary>
    public StateTableOptions Table { get; } = new();

    /// <summary>A healthy client for the test's own reads and writes.</summary>
    public IAmazonDynamoDB DynamoDb { get; }

    public IReadOnlyList<Candidate> Candidates => _candidates;

    /// <summary>The running replicas that believe they lead.</summary>
    public IReadOnlyList<Candidate> Leaders => [.. _candidates.Where(c => c.IsRunning && c.Elector.IsLeader)];

    /// <summary>A cluster with the state table in place (made by the controller's own StateStore).</summary>
    public static async Task<LeaseCluster> CreateAsync(AwsEmulatorFixture emulator)
    {
        var factory = emulator.CreateFactory();
        var dynamoDb = factory.CreateDynamoDb();
        var cluster = new LeaseCluster(emulator, factory, dynamoDb);
        await new StateStore(dynamoDb, cluster.Table, TimeProvider.System).EnsureTableAsync(CancellationToken.None);
        return cluster;
    }

    /// <summary>Starts a replica named <paramref name="name"/> and waits until its first look at the lease is done.</summary>
    public async Task<Candidate> StartAsync(string name, ManualClock? clock = null, LeaseMetrics? metrics = null, Func<LeaseOptions, LeaseOptions>? configure = null)
    {
        clock ??= Clock;
        var network = new FaultyNetwork();
        // One attempt per call, throttled ones included: the elector retries on its own schedule,
        // and the retry pipeline's backoff would sleep on the cluster's fake clock. No request budget: its waits (longer after the throttling
        // some tests fake) would run on the fake clock while the cluster waits for replicas to sleep.
        var environment = _emulator.Environment with
        {
            Retry = new AwsRetryOptions { MaxAttempts = 1, ThrottlingMaxAttempts = 1 },
            Budget = new AwsBudgetOptions { Enabled = false },
        };
        var factory = new AwsClientFactory(environment, null, clock, null, network);
        var options = new LeaseOptions { HolderIdentity = name };
        options = configure?.Invoke(options) ?? options;
        var candidate = new Candidate(
            name,
            clock,
            factory,
            network,
            (dynamoDb, callbacks) => new LeaderElector(dynamoDb, Table, Stack, options, clock, null, metrics ?? new LeaseMetrics(), callbacks));
        _candidates.Add(candidate);
        candidate.Start();
        await SettleAsync();
        return candidate;
    }

    /// <summary>
    /// Moves <paramref name="clock"/> (the cluster's by default) on by <paramref name="by"/> in
    /// <see cref="Step"/>s, settling and running <paramref name="check"/> after each.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, Action? check = null, ManualClock? clock = null)
    {
        clock ??= Clock;
        for (var moved = TimeSpan.Zero; moved < by; moved += Step)
        {
            clock.Advance(Step);
            await SettleAsync();
            check?.Invoke();
        }
    }

    /// <summary>
    /// Moves the cluster's clock on in steps until <paramref name="condition"/> holds; returns how
    /// far it moved. Fails when it does not hold within <paramref name="max"/>.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan max, Action? check = null)
    {
        for (var moved = TimeSpan.Zero; moved <= max; moved += Step)
        {
            if (condition())
            {
                return moved;
            }

            Clock.Advance(Step);
            await SettleAsync();
            check?.Invoke();
        }

        throw new TimeoutException($"The condition did not hold within {max} of the cluster's clock.");
    }

    /// <summary>Fails when more than one running replica believes it leads.</summary>
    public void AssertAtMostOneLeader() =>
        Assert.True(Leaders.Count <= 1, $"Two leaders at {Clock.Elapsed}: {string.Join(", ", Leaders.Select(l => l.Name))}");

    /// <summary>The lease item as stored.</summary>
    public async Task<Dictionary<string, AttributeValue>> ReadLeaseItemAsync()
    {
        var response = await DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = Table.TableName,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new("stack#" + Stack), ["sk"] = new("lease") },
            ConsistentRead = true,
        });
        return response.Item;
    }

    /// <summary>Waits (real time) until every running replica that settles sleeps on its clock.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (!_candidates.All(IsSettled))
        {
            if (DateTime.UtcNow > deadline)
            {
                var busy = string.Join(", ", _candidates.Where(c => !IsSettled(c)).Select(c => c.Name));
                throw new TimeoutException($"Replicas {busy} did not go back to sleep within {SettleTimeout} (real time).");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Waits (real time) for something the loops do right after waking, e.g. a callback.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var candidate in _candidates)
        {
            await candidate.DisposeAsync();
        }

        DynamoDb.Dispose();
        _factory.Dispose();
    }

    private static bool IsSettled(Candidate candidate) =>
        !candidate.IsRunning || !candidate.Settles || candidate.Elector.ParkedUntil > candidate.Clock.GetTimestamp();
}
