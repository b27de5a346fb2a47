namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>The one rule every tag converger follows, whatever the service's tagging API.</summary>
internal static class TagDiff
{
    /// <summary>
    /// The desired tags that are absent or have another value live. Live tags that are not
    /// desired are never in it: other tools may own them, so the controller leaves them alone.
    /// </summary>
    public static List<KeyValuePair<string, string>> Missing(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live) =>
        desired.Where(t => !live.TryGetValue(t.Key, out var value) || value != t.Value).ToList();

    /// <summary>The live tags after <paramref name="set"/> was added or overwritten.</summary>
    public static IReadOnlyDictionary<string, string> Overlay(IReadOnlyDictionary<string, string> live, IEnumerable<KeyValuePair<string, string>> set)
    {
        var merged = new Dictionary<string, string>(live, StringComparer.Ordinal);
        foreach (var (key, value) in set)
        {
            merged[key] = value;
        }

        return merged;
    }
}
