using Reconciler.Model;
using Reconciler.Model.Kinds;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>One live resource of the fake cloud.</summary>
internal sealed record FakeResource
{
    public required string Id { get; init; }

    public required ResourceKey Key { get; init; }

    /// <summary>Its live settings, in the kind's spec shape (references as document names).</summary>
    public required IResourceSpec Spec { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
