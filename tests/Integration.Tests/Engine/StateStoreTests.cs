using System.Net;
using Reconciler.Aws;
using Reconciler.Controller.State;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Engine;

/// <summary>The engine's new state on the emulator's DynamoDB: applied tags, retiring identities, failed observes.</summary>
public sealed class StateStoreTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>, IDisposable
{
    private readonly Controller.Aws.AwsClientFactory _factory = emulator.CreateFactory();

    private static readonly ResourceKey RouteTable = new("RouteTable", "public");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordApplied_RoundTripsAppliedTagsAndRetiringIdentity()
    {
        var (store, stack) = await StoreAsync();
        var record = new RecordedResource
        {
            Key = RouteTable,
            Identity = new Dictionary<string, string> { ["id"] = "rtb-new" },
            Outputs = new Dictionary<string, string> { ["routeTableId"] = "rtb-new" },
            AppliedHash = "abc",
            DeletionPolicy = DeletionPolicy.Delete,
            AppliedTags = new Dictionary<string, string> { ["team"] = "ml", ["reconciler:stack"] = stack },
            Retiring = new Dictionary<string, string> { ["id"] = "rtb-old" },
        };

        await store.RecordAppliedAsync(stack, record, CancellationToken.None);
        var loaded = (await store.LoadAsync(stack, CancellationToken.None))[RouteTable];

        Assert.Equal("ml", loaded.AppliedTags["team"]);
        Assert.Equal(stack, loaded.AppliedTags["reconciler:stack"]);
        Assert.Equal("rtb-old", loaded.Retiring["id"]);
        Assert.Equal("rtb-new", loaded.Identity["id"]);
        Assert.Equal("abc", loaded.AppliedHash);
    }

    [Fact]
    public async Task ObserveFailures_RecordedLoadedAndCleared_AndNeverSeenAsResources()
    {
        var (store, stack) = await StoreAsync();
        var failure = new ObserveFailure { Key = RouteTable, Attempts = 3, NextRetryAt = Now.AddMinutes(2), Error = "AccessDenied" };

        await store.RecordObserveFailureAsync(stack, failure, CancellationToken.None);

        Assert.Equal(failure, (await store.LoadObserveFailuresAsync(stack, CancellationToken.None))[RouteTable]);
        Assert.Empty(await store.LoadAsync(stack, CancellationToken.None));
        await store.ClearObserveFailureAsync(stack, RouteTable, CancellationToken.None);
        Assert.Empty(await store.LoadObserveFailuresAsync(stack, CancellationToken.None));
    }

    [Fact]
    public async Task RecordApplied_RefusedByDynamoDbAfterRetries_FailsNamingTheStateTableAndTheItem()
    {
        var (store, stack) = await StoreAsync();
        var outage = new JsonOperationOutage("PutItem", HttpStatusCode.InternalServerError, "InternalServerError");
        using var failing = new Controller.Aws.AwsClientFactory(emulator.Environment with { Retry = new AwsRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) } }, null, null, null, outage);
        var failingStore = new StateStore(failing.CreateDynamoDb(), new StateTableOptions { TableName = store.TableName }, TimeProvider.System);
        var record = new RecordedResource { Key = RouteTable, Identity = new Dictionary<string, string> { ["id"] = "rtb-1" }, DeletionPolicy = DeletionPolicy.Delete };

        var error = await Assert.ThrowsAsync<StateTableWriteException>(() => failingStore.RecordAppliedAsync(stack, record, CancellationToken.None));

        Assert.Equal($"the state table {store.TableName} did not record resource#RouteTable/public: AWS said InternalServerError: PutItem is unavailable.", error.Message);
        Assert.Equal(2, outage.Answered);
        Assert.Empty(await store.LoadAsync(stack, CancellationToken.None));
    }

    private async Task<(StateStore Store, string Stack)> StoreAsync()
    {
        var store = new StateStore(_factory.CreateDynamoDb(), new StateTableOptions { TableName = $"state-{Guid.NewGuid():N}"[..20] }, TimeProvider.System);
        await store.EnsureTableAsync(CancellationToken.None);
        return (store, $"s{Guid.NewGuid():N}"[..10]);
    }

    public void Dispose() => _factory.Dispose();
}
