using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;

namespace Reconciler.Model.Planning;

/// <summary>
/// Compares the managed fields of a desired spec (every member of SpecJson) with the live shape.
/// Nested objects are entered so a change names its leaf (<c>partitionKey.name</c>); arrays are
/// compared whole, as sets, and reported as one change of the array.
/// </summary>
internal static class SpecDiff
{
    public static List<FieldChange> Compare(KindInfo? kind, JsonObject desired, JsonObject? live, IReadOnlyList<string> ignore)
    {
        var changes = new List<FieldChange>();
        Compare(kind, desired, live, "", ignore, changes);
        return changes;
    }

    private static void Compare(KindInfo? kind, JsonObject desired, JsonObject? live, string prefix, IReadOnlyList<string> ignore, List<FieldChange> changes)
    {
        foreach (var (name, value) in desired)
        {
            var path = prefix + name;
            if (value is null || JsonMatch.IsIgnored(path, ignore))
            {
                continue;
            }

            var liveValue = live?[name];
            if (value is JsonObject nested && liveValue is JsonObject liveNested)
            {
                Compare(kind, nested, liveNested, path + ".", ignore, changes);
            }
            else if (!JsonMatch.Matches(value, liveValue, path, ignore))
            {
                changes.Add(new FieldChange
                {
                    Path = path,
                    Before = liveValue?.DeepClone(),
                    After = value.DeepClone(),
                    ForcesReplacement = IsImmutable(kind, path),
                });
            }
        }
    }

    /// <summary>Whether the field, or any field it lies in, is [Immutable].</summary>
    internal static bool IsImmutable(KindInfo? kind, string path) =>
        kind?.PathTo(path).Any(f => f.Immutable) ?? false;
}
