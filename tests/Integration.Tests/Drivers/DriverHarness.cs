using Microsoft.Extensions.Logging.Testing;
using Reconciler.Aws;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Drivers;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// One test's stack on the shared emulator: documents loaded with the Model's loader (so
/// SpecJson is exactly what the planner diffs), a driver context, and the verbs by document.
/// Every harness has its own stack name, so tests never see each other's resources.
/// </summary>
internal sealed class DriverHarness : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reconciler-drivers-").FullName;
    private readonly AwsEmulatorFixture _emulator;
    private readonly AwsClientFactory _driverFactory;
    private readonly AwsClientFactory _outOfBandFactory;
    private DesiredStack? _stack;
    private DriverContext? _context;

    /// <param name="files">Files written beside the documents before they load (a launch template's user data), by name.</param>
    public DriverHarness(AwsEmulatorFixture emulator, string documents, params (string Name, string Content)[] files)
        : this(emulator, emulator.CreateFactory(), documents, files)
    {
    }

    private DriverHarness(AwsEmulatorFixture emulator, AwsClientFactory driverFactory, string documents, (string Name, string Content)[] files)
    {
        _emulator = emulator;
        _driverFactory = driverFactory;
        _outOfBandFactory = emulator.CreateFactory();
        OutOfBand = AwsClients.From(_outOfBandFactory);
        StackName = $"t{Guid.NewGuid():N}"[..12];
        foreach (var (name, content) in files)
        {
            WriteFile(name, content);
        }

        Load(documents);
    }

    /// <summary>
    /// A harness whose drivers reach the emulator through <paramref name="network"/> (answers of the
    /// test's own to some calls), retrying with <paramref name="retry"/>; the out-of-band clients reach it directly.
    /// </summary>
    public static DriverHarness Through(AwsEmulatorFixture emulator, string documents, HttpMessageHandler network, AwsRetryOptions retry) =>
        new(emulator, new AwsClientFactory(emulator.Environment with { Retry = retry }, null, null, null, network), documents, []);

    /// <summary>Plain SDK clients of their own, for changes behind the drivers' back and independent checks.</summary>
    public AwsClients OutOfBand { get; }

    public string StackName { get; }

    /// <summary>Every request the drivers' clients made (the out-of-band clients count apart).</summary>
    public AwsRequestLog RequestLog => _driverFactory.RequestLog;

    public DriverContext Context => _context!;

    /// <summary>What the drivers logged, Debug included.</summary>
    public FakeLogger Logs { get; } = new();

    /// <summary>The loaded stack, for observing it whole.</summary>
    public DesiredStack Stack => _stack!;

    /// <summary>Writes a file beside the documents (a launch template's user data), for the next <see cref="Load"/>.</summary>
    public void WriteFile(string name, string content) => File.WriteAllText(Path.Combine(_directory, name), content);

    /// <summary>(Re)loads the stack's resource documents, as an edit in git would change them.</summary>
    public void Load(string documents)
    {
        File.WriteAllText(Path.Combine(_directory, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {StackName}
            spec:
              region: us-east-1
              accountId: "{_emulator.AccountId}"
              tags:
                project: driver-tests
            """);
        File.WriteAllText(Path.Combine(_directory, "resources.yaml"), documents);
        var result = DesiredStateLoader.Load(_directory);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        _stack = result.Stack!;
        _context ??= new DriverContext
        {
            Stack = _stack.Stack,
            Aws = AwsClients.From(_driverFactory),
            Identities = new IdentityIndex(),
            Time = TimeProvider.System,
            Logger = Logs,
            WaitTimeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>
    /// Forgets the AWS id recorded for a document, as a create does not know what an earlier
    /// create whose answer was lost made; the next create of the document finds and adopts it.
    /// </summary>
    public void ForgetIdentity(string kind, string name) => Context.Identities.Remove(new ResourceKey(kind, name));

    public DesiredResource Desired(string kind, string name) =>
        _stack!.Find(new ResourceKey(kind, name)) ?? throw new InvalidOperationException($"No document {kind}/{name} loaded.");

    public static IResourceDriver Driver(string kind) => DriverCatalog.Default.Get(kind);

    /// <summary>Observes one document, optionally as if the state table remembered it with <paramref name="recorded"/>.</summary>
    public async Task<ObservedResource> ObserveAsync(string kind, string name, IReadOnlyDictionary<string, string>? recorded = null)
    {
        var desired = Desired(kind, name);
        var request = new ObserveRequest
        {
            Desired = [desired],
            Recorded = recorded is null ? [] : [new RecordedResource { Key = desired.Key, Identity = recorded }],
        };
        var observed = await Driver(kind).ObserveAsync(request, Context, CancellationToken.None);
        return observed.Single(o => o.Key == desired.Key);
    }

    /// <summary>Observes every loaded document of a kind in one batched observe, as the stack observer asks for a kind.</summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAllAsync(string kind)
    {
        var request = new ObserveRequest { Desired = [.. _stack!.Resources.Where(r => r.Key.Kind == kind)], Recorded = [] };
        return await Driver(kind).ObserveAsync(request, Context, CancellationToken.None);
    }

    public Task<ObservedResource> CreateAsync(string kind, string name) =>
        Driver(kind).CreateAsync(Desired(kind, name), Context, CancellationToken.None);

    /// <summary>Creates documents in the order given (dependencies first).</summary>
    public async Task CreateAllAsync(params (string Kind, string Name)[] keys)
    {
        foreach (var (kind, name) in keys)
        {
            await CreateAsync(kind, name);
        }
    }

    /// <summary>Observes, diffs through the planner and updates the changed fields; returns what update reported.</summary>
    public async Task<(ObservedResource Updated, IReadOnlyList<FieldChange> Fields)> UpdateAsync(string kind, string name)
    {
        var observed = await ObserveAsync(kind, name);
        var fields = Changes(observed);
        var updated = await Driver(kind).UpdateAsync(Desired(kind, name), observed, fields, Context, CancellationToken.None);
        return (updated, fields);
    }

    public Task DeleteAsync(string kind, string name, IReadOnlyDictionary<string, string> identity) =>
        Driver(kind).DeleteAsync(new ResourceKey(kind, name), identity, Context, CancellationToken.None);

    /// <summary>What the planner would change for the observation: the managed fields and tags that differ.</summary>
    public IReadOnlyList<FieldChange> Changes(ObservedResource observed) =>
        Planner.Changes(_stack!.Stack, Desired(observed.Key.Kind, observed.Key.Name), observed);

    /// <summary>The planner's plan of the whole loaded stack against these observations, nothing recorded.</summary>
    public Plan Plan(params ObservedResource[] observed) =>
        Planner.Compute(_stack!, observed.ToDictionary(o => o.Key), new Dictionary<ResourceKey, RecordedResource>());

    /// <summary>Asserts the observation exists and the planner finds nothing to change in it, fields or tags.</summary>
    public void AssertInSync(ObservedResource observed)
    {
        Assert.True(observed.Exists, $"{observed.Key} should exist");
        Assert.True(
            Planner.Matches(_stack!.Stack, Desired(observed.Key.Kind, observed.Key.Name), observed),
            $"{observed.Key} differs: " + string.Join("; ", Changes(observed).Select(c => $"{c.Path}: live {c.Before?.ToJsonString() ?? "absent"}, desired {c.After?.ToJsonString()}")));
    }

    public void Dispose()
    {
        _driverFactory.Dispose();
        _outOfBandFactory.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

}
