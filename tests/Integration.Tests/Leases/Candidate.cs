using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Leases;

namespace Reconciler.Integration.Tests.Leases;

/// <summary>One replica in a <see cref="LeaseCluster"/>: its elector, clock, network and what happened to it.</summary>
internal sealed class Candidate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly AwsClientFactory _factory;
    private readonly IAmazonDynamoDB _dynamoDb;
    private Task _run = Task.CompletedTask;

    public Candidate(string name, ManualClock clock, AwsClientFactory factory, FaultyNetwork network, Func<IAmazonDynamoDB, LeaderCallbacks, LeaderElector> createElector)
    {
        Name = name;
        Clock = clock;
        Network = network;
        _factory = factory;
        _dynamoDb = factory.CreateDynamoDb();
        Elector = createElector(_dynamoDb, new LeaderCallbacks
        {
            OnStartedLeading = leadership =>
            {
                var term = new TermRecord(leadership.FencingToken, clock.Elapsed);
                Terms.Enqueue(term);
                leadership.Lost.Register(() => term.LostAt = clock.Elapsed);
            },
            OnStoppedLeading = () => Stopped.Enqueue(clock.Elapsed),
            OnNewLeader = holder => NewLeaders.Enqueue(holder),
        });
    }

    /// <summary>The holder identity.</summary>
    public string Name { get; }

    /// <summary>This replica's own clock (often shared with the cluster).</summary>
    public ManualClock Clock { get; }

    /// <summary>This replica's network to the emulator.</summary>
    public FaultyNetwork Network { get; }

    public LeaderElector Elector { get; }

    /// <summary>Each term this replica led: its token, and when (its clock) it started and was lost.</summary>
    public ConcurrentQueue<TermRecord> Terms { get; } = new();

    /// <summary>When (its clock) each OnStoppedLeading came.</summary>
    public ConcurrentQueue<TimeSpan> Stopped { get; } = new();

    /// <summary>Every OnNewLeader, in order.</summary>
    public ConcurrentQueue<string> NewLeaders { get; } = new();

    /// <summary>Whether the cluster waits for this replica's loop to sleep before moving time on.</summary>
    public bool Settles { get; set; } = true;

    public bool IsRunning => !_run.IsCompleted;

    public void Start() => _run = Elector.RunAsync(_stop.Token);

    /// <summary>A clean shutdown: the elector releases the lease if it leads.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The process dies: nothing it sends reaches DynamoDB any more, so it cannot release.</summary>
    public async Task KillAsync()
    {
        Network.Fault = NetworkFault.Refuse;
        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Network.Fault = NetworkFault.Refuse;
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _stop.Dispose();
            _dynamoDb.Dispose();
            _factory.Dispose();
        }
    }
}
