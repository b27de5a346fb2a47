using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers;

/// <summary>What one batched observe of a kind is asked to find.</summary>
internal sealed record ObserveRequest
{
    /// <summary>The kind's desired resources.</summary>
    public required IReadOnlyList<DesiredResource> Desired { get; init; }

    /// <summary>The kind's resources the state table remembers (some may no longer be desired).</summary>
    public required IReadOnlyList<RecordedResource> Recorded { get; init; }

    /// <summary>Every key to report on: desired and recorded, without duplicates.</summary>
    public IEnumerable<ResourceKey> Keys => Desired.Select(d => d.Key).Concat(Recorded.Select(r => r.Key)).Distinct();

    /// <summary>The recorded entry of a key, if any.</summary>
    public RecordedResource? RecordOf(ResourceKey key) => Recorded.FirstOrDefault(r => r.Key == key);

    /// <summary>The desired entry of a key, if any.</summary>
    public DesiredResource? DesiredOf(ResourceKey key) => Desired.FirstOrDefault(d => d.Key == key);
}
