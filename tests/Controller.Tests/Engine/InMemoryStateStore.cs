using System.Collections.Concurrent;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>The state table in memory, with a journal of every write, for tests of the engine.</summary>
internal sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<ResourceKey, RecordedResource> _records = new();
    private readonly ConcurrentDictionary<ResourceKey, bool> _pending = new();
    private readonly ConcurrentDictionary<ResourceKey, ObserveFailure> _failures = new();
    private readonly ConcurrentQueue<string> _writes = new();

    /// <summary>Every write, in order: "pending Kind/name", "applied Kind/name", "forget Kind/name", "failure ...", "clear ...".</summary>
    public IReadOnlyList<string> Writes => [.. _writes];

    public IReadOnlyDictionary<ResourceKey, RecordedResource> Records => _records;

    public IReadOnlyDictionary<ResourceKey, ObserveFailure> Failures => _failures;

    /// <summary>Resources marked create-pending and not recorded since.</summary>
    public IReadOnlyCollection<ResourceKey> Pending => [.. _pending.Keys];

    public Task EnsureTableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<ResourceKey, RecordedResource>> LoadAsync(string stack, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<ResourceKey, RecordedResource>>(new Dictionary<ResourceKey, RecordedResource>(_records));

    public Task MarkCreatePendingAsync(string stack, ResourceKey key, EffectiveDeletionPolicy deletionPolicy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _pending[key] = true;
        _records[key] = new RecordedResource { Key = key, DeletionPolicy = deletionPolicy.Policy, ExplicitDeletionPolicy = deletionPolicy.Explicit };
        _writes.Enqueue($"pending {key}");
        return Task.CompletedTask;
    }

    public Task RecordAppliedAsync(string stack, RecordedResource record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _pending.TryRemove(record.Key, out _);
        _records[record.Key] = record;
        _writes.Enqueue($"applied {record.Key}");
        return Task.CompletedTask;
    }

    public Task ForgetAsync(string stack, ResourceKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _records.TryRemove(key, out _);
        _writes.Enqueue($"forget {key}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<ResourceKey, ObserveFailure>> LoadObserveFailuresAsync(string stack, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<ResourceKey, ObserveFailure>>(new Dictionary<ResourceKey, ObserveFailure>(_failures));

    public Task RecordObserveFailureAsync(string stack, ObserveFailure failure, CancellationToken cancellationToken)
    {
        _failures[failure.Key] = failure;
        _writes.Enqueue($"failure {failure.Key}");
        return Task.CompletedTask;
    }

    public Task ClearObserveFailureAsync(string stack, ResourceKey key, CancellationToken cancellationToken)
    {
        _failures.TryRemove(key, out _);
        _writes.Enqueue($"clear {key}");
        return Task.CompletedTask;
    }

    /// <summary>Sets a record directly, as an earlier run would have left it.</summary>
    public void Put(RecordedResource record) => _records[record.Key] = record;
}
