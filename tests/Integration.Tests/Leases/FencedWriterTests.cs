using Amazon.DynamoDBv2.Model;
using Reconciler.Controller.Leases;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Leases;

/// <summary>
/// State writes fenced by the lease, through moto's TransactWriteItems (a ConditionCheck on the
/// lease item beside the write): a replica that lost the lease cannot write, however late.
/// </summary>
public sealed class FencedWriterTests(AwsEmulatorFixture emulator) : IClassFixture<AwsEmulatorFixture>
{
    private const string RecordKey = "resource#Vpc/main";

    [Fact]
    public async Task StaleLeader_AfterAnotherReplicaAcquired_HasItsPutAndDeleteRefused_WhileTheNewLeaderWrites()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var old = await cluster.StartAsync("a");
        var oldFence = old.Elector.Leadership!.Fence;
        var standby = await cluster.StartAsync("b");
        await FencedWriter.PutAsync(cluster.DynamoDb, oldFence, RecordPut(cluster, "from a"), CancellationToken.None);
        await old.KillAsync();
        await cluster.AdvanceUntilAsync(() => standby.Elector.IsLeader, TimeSpan.FromSeconds(30));
        var newFence = standby.Elector.Leadership!.Fence;

        var refused = await Assert.ThrowsAsync<LeaseLostException>(
            () => FencedWriter.PutAsync(cluster.DynamoDb, oldFence, RecordPut(cluster, "late from a"), CancellationToken.None));
        var refusedDelete = await Assert.ThrowsAsync<LeaseLostException>(
            () => FencedWriter.DeleteAsync(cluster.DynamoDb, oldFence, new Delete { TableName = cluster.Table.TableName, Key = RecordKeyOf(cluster) }, CancellationToken.None));
        await FencedWriter.PutAsync(cluster.DynamoDb, newFence, RecordPut(cluster, "from b"), CancellationToken.None);

        Assert.Equal((1L, 2L), (oldFence.FencingToken, newFence.FencingToken));
        Assert.Equal(
            $"Replica 'a' lost the lease of stack '{cluster.Stack}' (fencing token 1); the put of item '{RecordKey}' in table 'reconciler-state' was refused. Another replica leads the stack now: stop acting on it.",
            refused.Message);
        Assert.Equal($"delete of item '{RecordKey}'", refusedDelete.Write);
        Assert.IsType<TransactionCanceledException>(refused.InnerException);
        Assert.Equal("from b", await ReadRecordAsync(cluster));
    }

    [Fact]
    public async Task PausedLeader_ResumingAfterATakeover_HasItsWriteRefused_ThenStopsLeading()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        // The leader's clock stands still while the cluster's moves: a process frozen by a long
        // GC pause or SIGSTOP, which still believes it leads when it wakes.
        var frozenClock = new ManualClock();
        var paused = await cluster.StartAsync("a", frozenClock);
        var successor = await cluster.StartAsync("b");
        await cluster.AdvanceUntilAsync(() => successor.Elector.IsLeader, TimeSpan.FromSeconds(30));
        Assert.True(paused.Elector.IsLeader);

        var refused = await Assert.ThrowsAsync<LeaseLostException>(
            () => FencedWriter.PutAsync(cluster.DynamoDb, paused.Elector.Leadership!.Fence, RecordPut(cluster, "late from a"), CancellationToken.None));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3), clock: frozenClock);

        Assert.Equal(1, refused.Fence.FencingToken);
        await LeaseCluster.EventuallyAsync(() => !paused.Stopped.IsEmpty, "OnStoppedLeading of the resumed leader");
        Assert.False(paused.Elector.IsLeader);
        // Its first renew after waking found the lease changed, before its deadline came.
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(paused.Terms).LostAt);
        Assert.Equal(new LeaderObservation("b", 2), paused.Elector.CurrentLeader);
        Assert.True(successor.Elector.IsLeader);
        Assert.Null(await ReadRecordAsync(cluster));
    }

    [Fact]
    public async Task ReleasedLease_RefusesItsFormerHoldersWrites()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var fence = leader.Elector.Leadership!.Fence;

        await leader.StopAsync();

        await Assert.ThrowsAsync<LeaseLostException>(
            () => FencedWriter.PutAsync(cluster.DynamoDb, fence, RecordPut(cluster, "after release"), CancellationToken.None));
    }

    [Fact]
    public async Task FencedWrite_WhoseOwnConditionFails_IsNotMistakenForALostLease()
    {
        await using var cluster = await LeaseCluster.CreateAsync(emulator);
        var leader = await cluster.StartAsync("a");
        var fence = leader.Elector.Leadership!.Fence;
        await FencedWriter.PutAsync(cluster.DynamoDb, fence, RecordPut(cluster, "first"), CancellationToken.None);
        var createOnly = RecordPut(cluster, "second");
        createOnly.ConditionExpression = "attribute_not_exists(pk)";

        var refused = await Assert.ThrowsAsync<TransactionCanceledException>(
            () => FencedWriter.PutAsync(cluster.DynamoDb, fence, createOnly, CancellationToken.None));

        Assert.Equal(["None", "ConditionalCheckFailed"], refused.CancellationReasons.Select(r => r.Code));
        Assert.Equal("first", await ReadRecordAsync(cluster));
    }

    private static Dictionary<string, AttributeValue> RecordKeyOf(LeaseCluster cluster) =>
        new() { ["pk"] = new("stack#" + cluster.Stack), ["sk"] = new(RecordKey) };

    private static Put RecordPut(LeaseCluster cluster, string value)
    {
        var item = RecordKeyOf(cluster);
        item["appliedHash"] = new(value);
        return new Put { TableName = cluster.Table.TableName, Item = item };
    }

    private static async Task<string?> ReadRecordAsync(LeaseCluster cluster)
    {
        var response = await cluster.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = cluster.Table.TableName,
            Key = RecordKeyOf(cluster),
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item["appliedHash"].S : null;
    }
}
