using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Tests.Drift;
using Reconciler.Model;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>
/// The engine over fake drivers: documents loaded by the real loader, the real observer, planner,
/// executor and reconciler, a fake cloud, the state table in memory and a fake clock.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public const string Account = "123456789012";

    /// <summary>A VPC, two subnets, a route table over both, a security group and a bucket.</summary>
    public const string Network = """
        kind: Vpc
        metadata: { name: main }
        spec: { cidrBlock: 10.0.0.0/16 }
        ---
        kind: Subnet
        metadata: { name: a }
        spec: { vpc: main, cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1a }
        ---
        kind: Subnet
        metadata: { name: b }
        spec: { vpc: main, cidrBlock: 10.0.2.0/24, availabilityZone: us-east-1b }
        ---
        kind: RouteTable
        metadata: { name: public }
        spec: { vpc: main, subnets: [a, b] }
        ---
        kind: SecurityGroup
        metadata: { name: app }
        spec: { vpc: main, description: app servers }
        ---
        kind: Bucket
        metadata: { name: models }
        spec: {}
        """;

    private static readonly string[] Kinds = ["Vpc", "Subnet", "RouteTable", "SecurityGroup", "Bucket", "InternetGateway", "LogGroup", "Table"];

    private readonly string _directory = Directory.CreateTempSubdirectory("reconciler-engine-").FullName;

    public EngineHarness(string documents = Network, int maxParallelism = 4)
    {
        Drivers = new DriverCatalog(Kinds.Select(k => (IResourceDriver)new FakeDriver(k, Cloud)));
        Options = new ExecutorOptions { MaxParallelism = maxParallelism };
        Aws = NoAwsClients.With(new Reconcile.FakeTaggingClient([]), FakeSts.For(Account));
        Load(documents);
    }

    public FakeCloud Cloud { get; } = new();

    public InMemoryStateStore State { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public CapturingLogger Logger { get; } = new();

    public DriverCatalog Drivers { get; }

    public ExecutorOptions Options { get; }

    public AwsClients Aws { get; }

    public DesiredStack Stack { get; private set; } = null!;

    public StackReconciler Reconciler => new(Drivers, Aws, State, Options, Time, Logger);

    /// <summary>(Re)loads the documents, as an edit in git would change them.</summary>
    public void Load(string documents)
    {
        File.WriteAllText(Path.Combine(_directory, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: engine
            spec:
              region: us-east-1
              accountId: "{Account}"
              tags:
                project: engine-tests
              policies:
                deletion: delete
                maxDeletePercent: 100
            """);
        File.WriteAllText(Path.Combine(_directory, "resources.yaml"), documents);
        var result = DesiredStateLoader.Load(_directory);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        Stack = result.Stack!;
    }

    public DriverContext NewContext() => new()
    {
        Stack = Stack.Stack,
        Aws = Aws,
        Identities = new IdentityIndex(),
        Time = Time,
        Logger = Logger,
    };

    /// <summary>Observes and plans as the reconciler does, returning what the executor needs.</summary>
    public async Task<(Plan Plan, IReadOnlyDictionary<ResourceKey, RecordedResource> Recorded, DriverContext Context)> PlanAsync()
    {
        var context = NewContext();
        var recorded = await State.LoadAsync(Stack.Stack.Name, CancellationToken.None);
        var observation = await new StackObserver(Drivers).ObserveAsync(Stack, recorded, new Dictionary<string, string>(), context, CancellationToken.None);
        return (Planner.Compute(Stack, observation.Observed, recorded, observation.FailedKinds), recorded, context);
    }

    /// <summary>Observes, plans and executes one pass with the executor alone.</summary>
    public async Task<ApplyResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var (plan, recorded, context) = await PlanAsync();
        return await new PlanExecutor(Drivers, State, Options).ExecuteAsync(plan, recorded, context, cancellationToken);
    }

    /// <summary>The index of the first journal entry starting with <paramref name="prefix"/>.</summary>
    public int IndexOf(string prefix, int from = 0)
    {
        var journal = Cloud.Journal;
        var index = journal.ToList().FindIndex(from, e => e.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{prefix}' not in the journal: {string.Join(" | ", journal)}");
        return index;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
