using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Planning;

/// <summary>
/// Writes a plan as JSON for machines (CI comments, dashboards). The shape is stable; fields are
/// only ever added:
/// <code>
/// {
///   "stack": "ml-platform-dev", "region": "us-east-1", "accountId": "123456789012", "directory": "desired-state/dev",
///   "changes": [ { "resource": "Subnet/a", "kind": "Subnet", "name": "a", "action": "replace", "drift": false, "tagsOnly": false,
///                  "fields": [ { "path": "cidrBlock", "before": "10.0.1.0/24", "after": "10.0.2.0/24", "forcesReplacement": true } ] } ],
///   "summary": { "add": 0, "change": 0, "replace": 1, "destroy": 0, "orphan": 0, "noop": 5 },
///   "cost": { "monthlyUsd": 12.34, "deltaUsd": 1.2, "region": "us-east-1", "date": "...", "source": "...",
///             "lines": [ { "resource": "Bucket/models", "monthlyUsd": 1.5, "basis": "..." } ],
///             "changes": [ { "resource": "Bucket/models", "action": "create", "beforeUsd": 0, "afterUsd": 1.5, "deltaUsd": 1.5 } ] }
/// }
/// </code>
/// No-ops are counted in the summary but not listed; actions are lowercase; <c>cost</c> is null without an estimate.
/// </summary>
public static class PlanJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Plan plan, PlanCost? cost = null) => ToJson(plan, cost).ToJsonString(Options);

    public static JsonObject ToJson(Plan plan, PlanCost? cost = null) => new()
    {
        ["stack"] = plan.Stack.Name,
        ["region"] = plan.Stack.Region,
        ["accountId"] = plan.Stack.AccountId,
        ["directory"] = plan.Directory,
        ["changes"] = new JsonArray([.. plan.Changes.Where(c => c.Action is not ChangeAction.NoOp).Select(Change)]),
        ["skipped"] = new JsonArray([.. plan.Skipped.Select(s => (JsonNode)new JsonObject { ["resource"] = s.Key.ToString(), ["reason"] = s.Reason })]),
        ["summary"] = new JsonObject
        {
            ["add"] = plan.Count(ChangeAction.Create),
            ["change"] = plan.Count(ChangeAction.Update),
            ["replace"] = plan.Count(ChangeAction.Replace),
            ["destroy"] = plan.Count(ChangeAction.Delete),
            ["orphan"] = plan.Count(ChangeAction.Orphan),
            ["noop"] = plan.Count(ChangeAction.NoOp),
        },
        ["cost"] = cost is null ? null : Cost(cost),
    };

    private static JsonNode Change(ResourceChange change) => new JsonObject
    {
        ["resource"] = change.Key.ToString(),
        ["kind"] = change.Key.Kind,
        ["name"] = change.Key.Name,
        ["action"] = Action(change.Action),
        ["drift"] = change.IsDrift,
        ["tagsOnly"] = change.TagsOnly,
        ["fields"] = new JsonArray([.. change.Fields.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["before"] = f.Before?.DeepClone(),
            ["after"] = f.After?.DeepClone(),
            ["forcesReplacement"] = f.ForcesReplacement,
        })]),
    };

    private static JsonObject Cost(PlanCost cost) => new()
    {
        ["monthlyUsd"] = cost.MonthlyUsd,
        ["deltaUsd"] = cost.DeltaUsd,
        ["region"] = cost.Prices.Region,
        ["date"] = cost.Prices.Date,
        ["source"] = cost.Prices.Source,
        ["lines"] = new JsonArray([.. cost.Lines.Select(l => (JsonNode)new JsonObject
        {
            ["resource"] = l.Key.ToString(),
            ["monthlyUsd"] = l.MonthlyUsd,
            ["basis"] = l.Basis,
        })]),
        ["changes"] = new JsonArray([.. cost.Changes.Select(c => (JsonNode)new JsonObject
        {
            ["resource"] = c.Key.ToString(),
            ["action"] = Action(c.Action),
            ["beforeUsd"] = c.BeforeUsd,
            ["afterUsd"] = c.AfterUsd,
            ["deltaUsd"] = c.DeltaUsd,
        })]),
    };

    /// <summary>The lowercase action name used in JSON: noop, create, update, replace, delete, orphan.</summary>
    public static string Action(ChangeAction action) => action.ToString().ToLowerInvariant();
}
