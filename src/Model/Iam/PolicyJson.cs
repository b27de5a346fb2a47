using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Iam;

/// <summary>
/// The one conversion between policy documents as the stack writes them (<see cref="PolicyDocumentSpec"/>)
/// and IAM's JSON. Writing is canonical (lists as arrays, sorted; conditions grouped by operator),
/// so the same record always sends the same text. Reading accepts every form IAM and other tools
/// produce for the same meaning: URL-encoded text (IAM's Get* answers), a single string where a
/// list may stand, a single statement object instead of an array, <c>"Principal": "*"</c>, and
/// condition values written as JSON booleans or numbers. A policy written, then read, is equal to
/// the record it came from up to list order, which the planner compares as sets.
/// </summary>
public static class PolicyJson
{
    /// <summary>The version IAM assumes when a document names none.</summary>
    private const string ImplicitVersion = "2008-10-17";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The document as IAM's JSON, in canonical form.</summary>
    public static string Write(PolicyDocumentSpec document)
    {
        var statements = new JsonArray();
        foreach (var statement in document.Statements)
        {
            statements.Add(WriteStatement(statement));
        }

        return new JsonObject { ["Version"] = document.Version, ["Statement"] = statements }.ToJsonString(Compact);
    }

    /// <summary>
    /// Reads IAM's JSON (URL-encoded or not) back into a record. Throws <see cref="FormatException"/>
    /// when the text is not a policy document.
    /// </summary>
    public static PolicyDocumentSpec Read(string text)
    {
        var json = text.TrimStart().StartsWith('{') ? text : Uri.UnescapeDataString(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a policy document: {e.Message}", e);
        }

        if (root is not JsonObject document)
        {
            throw new FormatException("not a policy document: the JSON is not an object");
        }

        var statements = document["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().Select(ReadStatement).ToList(),
            JsonObject single => [ReadStatement(single)],
            _ => throw new FormatException("not a policy document: it has no Statement"),
        };
        return new PolicyDocumentSpec { Version = Scalar(document["Version"]) ?? ImplicitVersion, Statements = statements };
    }

    private static JsonObject WriteStatement(PolicyStatementSpec statement)
    {
        var json = new JsonObject();
        if (statement.Sid is { } sid)
        {
            json["Sid"] = sid;
        }

        json["Effect"] = statement.Effect;
        if (statement.Principals is { } principals && WritePrincipals(principals) is { } principal)
        {
            json["Principal"] = principal;
        }

        AddList(json, "Action", statement.Actions);
        AddList(json, "NotAction", statement.NotActions);
        AddList(json, "Resource", statement.Resources);
        AddList(json, "NotResource", statement.NotResources);
        if (statement.Conditions.Count > 0)
        {
            var conditions = new JsonObject();
            foreach (var byTest in statement.Conditions.GroupBy(c => c.Test, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var keys = new JsonObject();
                foreach (var byVariable in byTest.GroupBy(c => c.Variable, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    keys[byVariable.Key] = Array(byVariable.SelectMany(c => c.Values));
                }

                conditions[byTest.Key] = keys;
            }

            json["Condition"] = conditions;
        }

        return json;
    }

    private static JsonObject? WritePrincipals(PolicyPrincipalsSpec principals)
    {
        var json = new JsonObject();
        AddList(json, "AWS", principals.Aws);
        AddList(json, "Federated", principals.Federated);
        AddList(json, "Service", principals.Service);
        return json.Count == 0 ? null : json;
    }

    private static PolicyStatementSpec ReadStatement(JsonObject json) => new()
    {
        Sid = Scalar(json["Sid"]) is { Length: > 0 } sid ? sid : null,
        Effect = Scalar(json["Effect"]) ?? "",
        Actions = List(json["Action"]),
        NotActions = List(json["NotAction"]),
        Resources = List(json["Resource"]),
        NotResources = List(json["NotResource"]),
        Principals = ReadPrincipals(json["Principal"]),
        Conditions = ReadConditions(json["Condition"]),
    };

    // "Principal": "*" means anyone, which is {"AWS": "*"}.
    private static PolicyPrincipalsSpec? ReadPrincipals(JsonNode? node) => node switch
    {
        null => null,
        JsonObject principals => new PolicyPrincipalsSpec
        {
            Aws = List(principals["AWS"]),
            Service = List(principals["Service"]),
            Federated = List(principals["Federated"]),
        },
        _ => new PolicyPrincipalsSpec { Aws = List(node) },
    };

    private static List<PolicyConditionSpec> ReadConditions(JsonNode? node)
    {
        var conditions = new List<PolicyConditionSpec>();
        if (node is not JsonObject byTest)
        {
            return conditions;
        }

        foreach (var (test, keys) in byTest)
        {
            foreach (var (variable, values) in keys as JsonObject ?? [])
            {
                conditions.Add(new PolicyConditionSpec { Test = test, Variable = variable, Values = List(values) });
            }
        }

        return conditions;
    }

    private static void AddList(JsonObject json, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            json[name] = Array(values);
        }
    }

    private static JsonArray Array(IEnumerable<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v))];

    private static List<string> List(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(Scalar).OfType<string>()],
        _ => Scalar(node) is { } single ? [single] : [],
    };

    // Condition values may be JSON booleans or numbers ("aws:SecureTransport": false); the record holds their text.
    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
