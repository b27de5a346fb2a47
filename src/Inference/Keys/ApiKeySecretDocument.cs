using System.Text.Json;

using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Keys;

/// <summary>
/// Reads the key list from the secret's SecretString. The exact shape:
/// <code>{"keys":[{"name":"team-a","sha256":"&lt;64 hex digits&gt;"}, ...]}</code>
/// Field names are matched without regard to case; no other fields are allowed, so a key stored in the clear
/// beside its hash is refused rather than kept. Names are unique, also against "Auth:Keys". Every problem is
/// reported at once, by place and expectation, and no message quotes anything from the secret.
/// </summary>
internal static class ApiKeySecretDocument
{
    public const string Shape = """{"keys":[{"name":"...","sha256":"<64 hex digits>"}]}""";

    /// <summary>The keys listed in <paramref name="secretString"/>; throws <see cref="ApiKeySecretException"/> with every problem.</summary>
    /// <param name="secretString">The secret's value.</param>
    /// <param name="configured">The keys of "Auth:Keys", whose names the secret must not repeat.</param>
    public static ApiKeySet Parse(string? secretString, ApiKeySet configured)
    {
        if (string.IsNullOrWhiteSpace(secretString))
        {
            throw new ApiKeySecretException([$"the secret has no SecretString (is it a binary secret?); store the key list as JSON text: {Shape}"]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(secretString);
        }
        catch (JsonException ex)
        {
            // The parser's own message quotes the offending character: only the position is kept.
            throw new ApiKeySecretException(
                [$"SecretString is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); expected {Shape}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var keys = ReadKeys(document.RootElement, configured, errors);
            if (errors.Count > 0)
            {
                throw new ApiKeySecretException(errors);
            }

            return new ApiKeySet(keys);
        }
    }

    private static List<ApiKey> ReadKeys(JsonElement root, ApiKeySet configured, List<string> errors)
    {
        var keys = new List<ApiKey>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"SecretString is a JSON {Kind(root)}; expected an object {Shape}");
            return keys;
        }

        var fields = Fields(root, "SecretString", ["keys"], errors);
        if (!fields.TryGetValue("keys", out var list))
        {
            errors.Add($"keys: missing; expected {Shape}");
            return keys;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"keys: expected an array of {{\"name\",\"sha256\"}} objects, found a JSON {Kind(list)}");
            return keys;
        }

        if (list.GetArrayLength() == 0)
        {
            errors.Add("keys: expected at least one entry {\"name\",\"sha256\"}");
            return keys;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            if (ReadKey(entry, $"keys[{index}]", configured, seen, index, errors) is { } key)
            {
                keys.Add(key);
            }

            index++;
        }

        return keys;
    }

    private static ApiKey? ReadKey(JsonElement entry, string at, ApiKeySet configured, Dictionary<string, int> seen, int index, List<string> errors)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: expected an object {{\"name\",\"sha256\"}}, found a JSON {Kind(entry)}");
            return null;
        }

        var fields = Fields(entry, at, ["name", "sha256"], errors);
        string? name = null;
        if (!fields.TryGetValue("name", out var nameElement))
        {
            errors.Add($"{at}.name: missing");
        }
        else if (nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            errors.Add($"{at}.name: expected a non-empty string");
        }
        else
        {
            name = nameElement.GetString()!;
            if (seen.TryGetValue(name, out var first))
            {
                errors.Add($"{at}.name: repeats the name of keys[{first}]; give each key its own name");
                name = null;
            }
            else if (configured.Find(name) is not null)
            {
                errors.Add($"{at}.name: the name is also used in Auth:Keys; give each key its own name");
                name = null;
            }
            else
            {
                seen[name] = index;
            }
        }

        byte[]? hash = null;
        if (!fields.TryGetValue("sha256", out var hashElement))
        {
            errors.Add($"{at}.sha256: missing");
        }
        else if (hashElement.ValueKind != JsonValueKind.String || hashElement.GetString() is not { } hex || !Sha256Hex.IsValid(hex))
        {
            errors.Add($"{at}.sha256: expected 64 hex digits, the SHA-256 of the key (never the key itself)");
        }
        else
        {
            hash = Convert.FromHexString(hex);
        }

        return name is not null && hash is not null ? new ApiKey(name, hash) : null;
    }

    // The object's fields by lower-case name; unknown and repeated fields are reported by position, never by name.
    private static Dictionary<string, JsonElement> Fields(JsonElement element, string at, string[] allowed, List<string> errors)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            position++;
            var name = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors.Add($"{at}: field {position} is not one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}; remove it");
            }
            else if (!fields.TryAdd(name, property.Value))
            {
                errors.Add($"{at}.{name}: given twice");
            }
        }

        return fields;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
