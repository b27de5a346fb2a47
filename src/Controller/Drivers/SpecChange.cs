using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Drivers;

/// <summary>What an in-place change of one resource is asked to do: the planner's fields, with both sides typed.</summary>
/// <param name="Key">The resource.</param>
/// <param name="Desired">The document's spec.</param>
/// <param name="Live">What AWS held when the change was planned.</param>
/// <param name="Identity">Its AWS identifiers (<c>id</c>, and <c>arn</c> where the kind has one).</param>
/// <param name="Fields">The fields that differ: never tags, never immutable fields.</param>
internal sealed record SpecChange<TSpec>(ResourceKey Key, TSpec Desired, TSpec Live, IReadOnlyDictionary<string, string> Identity, IReadOnlyList<FieldChange> Fields)
    where TSpec : IResourceSpec
{
    /// <summary>
    /// The fields the planner never diffs for this document (its <c>ignoreFields</c>, and fields
    /// owned by a rollout or another document): a write that sends a whole map around them keeps
    /// their live values (<see cref="KeepingOwnedEntries"/>).
    /// </summary>
    public IReadOnlyList<string> OwnedElsewhere { get; init; } = [];

    /// <summary>The resource's AWS id.</summary>
    public string Id => Identity["id"];

    /// <summary>Whether the field (or anything inside it: <c>partitionKey</c> for <c>partitionKey.name</c>) is among the changes.</summary>
    public bool Changed(string field) =>
        Fields.Any(f => f.Path == field || f.Path.StartsWith(field + ".", StringComparison.Ordinal));

    // Update calls change only what they are sent: these give the desired value of a changed
    // field, and null (not sent) for one that is in sync.

    /// <summary><paramref name="value"/> when <paramref name="field"/> is among the changes, else null.</summary>
    public string? IfChanged(string field, string? value) => Changed(field) ? value : null;

    /// <summary><paramref name="value"/> when <paramref name="field"/> is among the changes, else null.</summary>
    public T? IfChanged<T>(string field, T value)
        where T : struct => Changed(field) ? value : null;

    /// <summary><paramref name="value"/> when <paramref name="field"/> is among the changes, else null.</summary>
    public T? IfChanged<T>(string field, T? value)
        where T : struct => Changed(field) ? value : null;

    /// <summary>
    /// The map to send for <paramref name="field"/> (written whole, like a function's environment):
    /// the desired entries, except those owned elsewhere (<c>field.KEY</c> ignored), which keep their
    /// live values, so the write never takes back what a rollout set.
    /// </summary>
    public IReadOnlyDictionary<string, string> KeepingOwnedEntries(string field, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live)
    {
        bool Owned(string key) => OwnedElsewhere.Any(o => $"{field}.{key}" == o || $"{field}.{key}".StartsWith(o + ".", StringComparison.Ordinal));
        var sent = desired.Where(e => !Owned(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (key, value) in live.Where(e => Owned(e.Key)))
        {
            sent[key] = value;
        }

        return sent;
    }
}
