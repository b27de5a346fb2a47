namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Tags as the controller holds them: an ordinal map, first value winning where an API repeats a key.</summary>
internal static class TagMaps
{
    public static IReadOnlyDictionary<string, string> From<T>(IEnumerable<T>? tags, Func<T, string> key, Func<T, string> value) =>
        (tags ?? []).GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => value(g.First()), StringComparer.Ordinal);
}
