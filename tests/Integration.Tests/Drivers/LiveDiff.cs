using System.Text.Json.Nodes;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// A small stand-in for the planner's diff: the top-level spec fields whose live value differs,
/// lists compared as sets (the drivers report sets in any order).
/// </summary>
internal static class LiveDiff
{
    public static List<FieldChange> Changes(DesiredResource desired, ObservedResource observed)
    {
        var changes = new List<FieldChange>();
        foreach (var (name, value) in desired.SpecJson)
        {
            var live = observed.Live?[name];
            if (!Same(value, live))
            {
                changes.Add(new FieldChange { Path = name, Before = live?.DeepClone(), After = value?.DeepClone() });
            }
        }

        return changes;
    }

    private static bool Same(JsonNode? desired, JsonNode? live)
    {
        if (desired is JsonArray a && live is JsonArray b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            var unmatched = b.ToList();
            foreach (var item in a)
            {
                var match = unmatched.FindIndex(u => JsonNode.DeepEquals(item, u));
                if (match < 0)
                {
                    return false;
                }

                unmatched.RemoveAt(match);
            }

            return true;
        }

        return JsonNode.DeepEquals(desired, live);
    }
}
