using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Model.Specs;

/// <summary>
/// Writes an ECR lifecycle policy from <see cref="RepositoryLifecycleSpec"/> and reads one back.
/// The untagged rule comes first (lower priority number wins in ECR), so untagged images expire
/// by age before the count rule looks at them. A policy with other rules than these two does not
/// read back: its live form is null and the planner shows it as different.
/// </summary>
public static class RepositoryLifecyclePolicy
{
    private const string Untagged = "Expire untagged images";
    private const string KeepLast = "Keep the newest images";

    /// <summary>The policy text for ECR.</summary>
    public static string ToJson(RepositoryLifecycleSpec lifecycle)
    {
        var rules = new JsonArray();
        var priority = 1;
        if (lifecycle.ExpireUntaggedAfterDays is { } days)
        {
            rules.Add(Rule(priority++, Untagged, new JsonObject { ["tagStatus"] = "untagged", ["countType"] = "sinceImagePushed", ["countUnit"] = "days", ["countNumber"] = days }));
        }

        if (lifecycle.KeepLastImages is { } count)
        {
            rules.Add(Rule(priority, KeepLast, new JsonObject { ["tagStatus"] = "any", ["countType"] = "imageCountMoreThan", ["countNumber"] = count }));
        }

        return new JsonObject { ["rules"] = rules }.ToJsonString();
    }

    /// <summary>The typed form of a policy this class wrote, or null for any other policy.</summary>
    public static RepositoryLifecycleSpec? Parse(string json)
    {
        try
        {
            var result = new RepositoryLifecycleSpec();
            foreach (var rule in JsonNode.Parse(json)?["rules"]?.AsArray() ?? [])
            {
                var selection = rule?["selection"];
                var (status, type, number) = ((string?)selection?["tagStatus"], (string?)selection?["countType"], (int?)selection?["countNumber"]);
                if ((string?)rule?["action"]?["type"] != "expire" || number is null)
                {
                    return null;
                }

                result = (status, type) switch
                {
                    ("untagged", "sinceImagePushed") when (string?)selection?["countUnit"] == "days" && result.ExpireUntaggedAfterDays is null => result with { ExpireUntaggedAfterDays = number },
                    ("any", "imageCountMoreThan") when result.KeepLastImages is null => result with { KeepLastImages = number },
                    _ => null,
                };
                if (result is null)
                {
                    return null;
                }
            }

            return result is { KeepLastImages: null, ExpireUntaggedAfterDays: null } ? null : result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static JsonObject Rule(int priority, string description, JsonObject selection) => new()
    {
        ["rulePriority"] = priority,
        ["description"] = description,
        ["selection"] = selection,
        ["action"] = new JsonObject { ["type"] = "expire" },
    };
}
