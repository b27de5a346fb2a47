using System.Collections.Concurrent;
using Reconciler.Model;
using Reconciler.Model.Kinds;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>
/// The "AWS" of the fake drivers: live resources by id, a journal of every verb in the order the
/// verbs started, failures to inject, and a gate that holds verbs in flight so a test can see how
/// many run at once.
/// </summary>
internal sealed class FakeCloud
{
    private readonly object _lock = new();
    private readonly Dictionary<string, FakeResource> _resources = [];
    private readonly List<string> _journal = [];
    private readonly ConcurrentDictionary<string, Exception> _failures = new();
    private readonly ConcurrentDictionary<ResourceKey, Func<IResourceSpec, IResourceSpec>> _short = new();
    private TaskCompletionSource _gate = Completed();
    private int _nextId;
    private int _running;
    private TaskCompletionSource? _runningReached;
    private int _runningTarget;

    /// <summary>Verbs in the order they started: "observe Kind", "create Kind/name id", "update Kind/name id", "delete Kind/name id".</summary>
    public IReadOnlyList<string> Journal
    {
        get
        {
            lock (_lock)
            {
                return [.. _journal];
            }
        }
    }

    /// <summary>The most verbs that were in flight at once (observes not counted).</summary>
    public int MaxRunning { get; private set; }

    /// <summary>The verbs in flight now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Live resources.</summary>
    public IReadOnlyList<FakeResource> Resources
    {
        get
        {
            lock (_lock)
            {
                return [.. _resources.Values];
            }
        }
    }

    /// <summary>
    /// Makes creates of a key leave its settings short of the document (as a create call that
    /// cannot take every setting would), so the next pass sees an update.
    /// </summary>
    public void CreateShort(ResourceKey key, Func<IResourceSpec, IResourceSpec> shortOf) => _short[key] = shortOf;

    /// <summary>What a create of a key leaves live instead of <paramref name="spec"/>.</summary>
    public IResourceSpec AsCreated(ResourceKey key, IResourceSpec spec) => _short.TryGetValue(key, out var shortOf) ? shortOf(spec) : spec;

    /// <summary>Makes a verb ("create", "update", "delete", "observe") on a key (or kind, for observe) throw.</summary>
    public void Fail(string verb, string target, Exception error) => _failures[$"{verb} {target}"] = error;

    /// <summary>Stops failing a verb.</summary>
    public void Heal(string verb, string target) => _failures.TryRemove($"{verb} {target}", out _);

    /// <summary>Holds every write verb in flight until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held verbs finish.</summary>
    public void Release() => _gate.TrySetResult();

    /// <summary>Completes once <paramref name="count"/> write verbs are in flight at once.</summary>
    public Task RunningReached(int count)
    {
        lock (_lock)
        {
            _runningTarget = count;
            _runningReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running >= count)
            {
                _runningReached.TrySetResult();
            }

            return _runningReached.Task;
        }
    }

    /// <summary>Puts a resource in, as if it had been created earlier.</summary>
    public FakeResource Seed(ResourceKey key, IResourceSpec spec, IReadOnlyDictionary<string, string> tags)
    {
        lock (_lock)
        {
            var resource = new FakeResource { Id = NewId(key), Key = key, Spec = spec, Tags = tags };
            _resources[resource.Id] = resource;
            return resource;
        }
    }

    public IReadOnlyList<FakeResource> Of(ResourceKey key) => [.. Resources.Where(r => r.Key == key).OrderBy(r => r.Id, StringComparer.Ordinal)];

    public IReadOnlyList<FakeResource> OfKind(string kind) => [.. Resources.Where(r => r.Key.Kind == kind).OrderBy(r => r.Id, StringComparer.Ordinal)];

    public void Note(string entry)
    {
        lock (_lock)
        {
            _journal.Add(entry);
        }
    }

    public void ThrowIfFailing(string verb, string target)
    {
        if (_failures.TryGetValue($"{verb} {target}", out var error))
        {
            throw error;
        }
    }

    /// <summary>Runs a write verb: counted as in flight, held by the gate, journaled.</summary>
    public async Task<T> WriteAsync<T>(string entry, Func<T> apply)
    {
        lock (_lock)
        {
            _running++;
            MaxRunning = Math.Max(MaxRunning, _running);
            _journal.Add(entry);
            if (_runningReached is not null && _running >= _runningTarget)
            {
                _runningReached.TrySetResult();
            }
        }

        try
        {
            await _gate.Task;
            lock (_lock)
            {
                return apply();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public FakeResource Add(ResourceKey key, IResourceSpec spec, IReadOnlyDictionary<string, string> tags)
    {
        var resource = new FakeResource { Id = NewId(key), Key = key, Spec = spec, Tags = tags };
        _resources[resource.Id] = resource;
        return resource;
    }

    public void Replace(FakeResource resource) => _resources[resource.Id] = resource;

    public void Remove(string id) => _resources.Remove(id);

    public string NextIdOf(ResourceKey key) => $"{key.Kind.ToLowerInvariant()}-{_nextId + 1}";

    private string NewId(ResourceKey key) => $"{key.Kind.ToLowerInvariant()}-{++_nextId}";

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
