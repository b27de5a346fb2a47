using Reconciler.Controller.Drivers;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Reconcile;

/// <summary>
/// A driver that only observes: it notes when its observe starts and ends, waits (bounded) for
/// the other probe's observe to start, and notes whether the two overlapped and which ids the
/// identity index held when it started.
/// </summary>
internal sealed class ObserveProbeDriver(string kind, TimeSpan wait) : IResourceDriver
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _finished;

    public string Kind => kind;

    // A probe of the engine's observe timing: it calls no AWS.
    public IReadOnlyList<AwsOperation> Operations => [];

    public IReadOnlyList<AwsOperation> ControllerSideOperations => [];

    /// <summary>The probe whose observe this one waits for.</summary>
    public ObserveProbeDriver? Other { get; set; }

    /// <summary>Whether the other probe's observe was running while this one was.</summary>
    public bool Overlapped { get; private set; }

    /// <summary>The identities known when this observe started.</summary>
    public IReadOnlyDictionary<ResourceKey, string?> IdentitiesAtStart { get; private set; } = new Dictionary<ResourceKey, string?>();

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        IdentitiesAtStart = context.Identities.Keys.ToDictionary(k => k, context.Identities.TryIdOf);
        var other = Other!;
        var otherDoneBeforeThisStarted = other._finished;
        _started.TrySetResult();
        await Task.WhenAny(other._started.Task, Task.Delay(wait, cancellationToken));
        Overlapped = !otherDoneBeforeThisStarted && other._started.Task.IsCompleted;
        _finished = true;
        return [];
    }

    public Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ObservedResource> CreateBesideAsync(DesiredResource desired, IReadOnlyDictionary<string, string> replaced, DriverContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
}
