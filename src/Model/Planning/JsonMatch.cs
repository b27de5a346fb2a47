using System.Text.Json.Nodes;

namespace Reconciler.Model.Planning;

/// <summary>
/// Whether a live value satisfies a desired one, under the diff's rules: objects are compared
/// only on the fields the desired side sets (live extras are unmanaged); arrays are sets, both
/// ways (every desired item has a live match, every live item matches a desired one: an extra
/// live rule is drift); numbers compare by value; ignored paths are skipped at any depth.
/// </summary>
internal static class JsonMatch
{
    public static bool Matches(JsonNode? desired, JsonNode? live, string path, IReadOnlyList<string> ignore)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject desiredObject:
                return live is JsonObject liveObject
                    && desiredObject.All(p => p.Value is null || IsIgnored($"{path}.{p.Key}", ignore) || Matches(p.Value, liveObject[p.Key], $"{path}.{p.Key}", ignore));
            case JsonArray desiredArray:
                // Items are entered without an index, so "ingress.description" ignores every rule's description.
                return live is JsonArray liveArray
                    && desiredArray.All(d => liveArray.Any(l => Matches(d, l, path, ignore)))
                    && liveArray.All(l => desiredArray.Any(d => Matches(d, l, path, ignore)));
            default:
                return live is JsonValue && ScalarEquals(desired, live);
        }
    }

    public static bool IsIgnored(string path, IReadOnlyList<string> ignore) =>
        ignore.Any(i => path == i || path.StartsWith(i + ".", StringComparison.Ordinal));

    private static bool ScalarEquals(JsonNode desired, JsonNode live)
    {
        if (CanonicalJson.Number(desired) is { } a && CanonicalJson.Number(live) is { } b)
        {
            return a == b;
        }

        return CanonicalJson.Write(desired) == CanonicalJson.Write(live);
    }
}
