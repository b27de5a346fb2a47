using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Planning;

/// <summary>
/// Renders a plan as text, Terraform style: <c>+</c> create, <c>~</c> update, <c>-/+</c> replace
/// (naming the fields that force it), <c>-</c> delete, <c>!</c> orphan, <c>(drift)</c> where AWS
/// changed behind the controller's back; then the summary line and the cost line.
/// </summary>
public static class PlanRenderer
{
    private static readonly JsonSerializerOptions ValueOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The plan as text, lines ending in <c>\n</c>. The cost line is added when <paramref name="cost"/> is given.</summary>
    public static string Render(Plan plan, PlanCost? cost = null)
    {
        var text = new StringBuilder();
        var shown = plan.Changes.Where(c => c.Action is not ChangeAction.NoOp).ToList();
        if (shown.Count == 0)
        {
            text.Append("No changes. AWS matches ").Append(Where(plan)).Append(".\n");
        }
        else
        {
            text.Append("Reconciler will perform the following actions on ").Append(plan.Stack.Name).Append(":\n");
            foreach (var change in shown)
            {
                text.Append('\n');
                AppendChange(text, change);
            }

            text.Append('\n').Append(Summary(plan)).Append('\n');
        }

        // Unobserved resources are listed after the plan so the reader sees what it does not cover.
        foreach (var skipped in plan.Skipped)
        {
            text.Append("  ? ").Append(skipped.Key).Append(" (").Append(skipped.Reason).Append(")\n");
        }

        if (cost is not null)
        {
            text.Append(CostLine(cost)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Exactly: <c>Plan: 3 to add, 1 to change, 0 to replace, 1 to destroy, 0 to orphan.</c></summary>
    public static string Summary(Plan plan) =>
        $"Plan: {plan.Count(ChangeAction.Create)} to add, {plan.Count(ChangeAction.Update)} to change, {plan.Count(ChangeAction.Replace)} to replace, {plan.Count(ChangeAction.Delete)} to destroy, {plan.Count(ChangeAction.Orphan)} to orphan.";

    /// <summary><c>Cost: $12.34/month for the stack (+$1.20/month from this plan). Prices: us-east-1, date, source.</c></summary>
    public static string CostLine(PlanCost cost) =>
        $"Cost: {CostEstimator.Usd(cost.MonthlyUsd)}/month for the stack ({CostEstimator.SignedUsd(cost.DeltaUsd)}/month from this plan). Prices: {cost.Prices.Region}, {cost.Prices.Date}, {cost.Prices.Source}.";

    /// <summary>A JSON value on one line, without escaping what a terminal shows fine.</summary>
    public static string Value(JsonNode? value) => value is null ? "null" : value.ToJsonString(ValueOptions);

    private static void AppendChange(StringBuilder text, ResourceChange change)
    {
        var drift = change.IsDrift ? " (drift)" : "";
        switch (change.Action)
        {
            case ChangeAction.Create:
                text.Append("  + ").Append(change.Key).Append(drift).Append('\n');
                foreach (var field in change.Fields)
                {
                    text.Append("      + ").Append(field.Path).Append(" = ").Append(Value(field.After)).Append('\n');
                }

                break;
            case ChangeAction.Update:
                text.Append("  ~ ").Append(change.Key).Append(drift).Append('\n');
                AppendFieldChanges(text, change);
                break;
            case ChangeAction.Replace:
                var forcing = change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path).ToList();
                var verb = forcing.Count == 1 ? "forces" : "force";
                text.Append("  -/+ ").Append(change.Key).Append(" (replace: ").Append(string.Join(", ", forcing)).Append(' ').Append(verb).Append(" replacement)").Append(drift).Append('\n');
                AppendFieldChanges(text, change);
                break;
            case ChangeAction.Delete:
                text.Append("  - ").Append(change.Key).Append('\n');
                break;
            case ChangeAction.Orphan:
                text.Append("  ! ").Append(change.Key).Append(" (orphan: stays in AWS, no longer managed)").Append('\n');
                break;
        }
    }

    private static void AppendFieldChanges(StringBuilder text, ResourceChange change)
    {
        foreach (var field in change.Fields)
        {
            text.Append("      ~ ").Append(field.Path).Append(": ").Append(Value(field.Before)).Append(" -> ").Append(Value(field.After)).Append('\n');
        }
    }

    private static string Where(Plan plan) => plan.Directory.Length > 0 ? plan.Directory : plan.Stack.Name;
}
