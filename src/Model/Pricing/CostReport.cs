using System.Globalization;
using System.Text;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Pricing;

/// <summary>
/// A stack's estimate line by line, as <c>reconciler cost</c> prints it: every resource with its
/// monthly figure and the usage behind it, the total, and the usage figures assumed with where each
/// was set, so a reader can tell a price from an assumption and knows what to change.
/// </summary>
public static class CostReport
{
    /// <summary>Plain text for a terminal, lines ending in <c>\n</c>.</summary>
    public static string Text(DesiredStack stack, CostEstimate estimate)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Monthly cost estimate of stack '{stack.Stack.Name}' ({Prices(estimate.Prices)}):\n");
        var width = estimate.Lines.Max(l => l.Key.ToString().Length);
        var amountWidth = estimate.Lines.Max(l => CostEstimator.Usd(l.MonthlyUsd).Length);
        foreach (var line in estimate.Lines)
        {
            text.Append("  ").Append(line.Key.ToString().PadRight(width)).Append("  ")
                .Append(CostEstimator.Usd(line.MonthlyUsd).PadLeft(amountWidth)).Append("  ").Append(line.Basis).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"Total: {CostEstimator.Usd(estimate.MonthlyUsd)}/month\n");
        text.Append("Usage assumed (the price table's figure unless the stack's spec.usage or a document's metadata.usage sets it):\n");
        var kinds = stack.Resources.Select(r => r.Key.Kind).Append(DataTransfer.Key.Kind).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, assumption) in Assumptions(estimate.Prices).Where(a => kinds.Contains(a.Id[..a.Id.IndexOf('.', StringComparison.Ordinal)])))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {id} = {MonthlyCost.Figure(assumption.Value)}: {assumption.Why}\n");
        }

        foreach (var resource in stack.Resources.Where(r => r.Metadata.Usage.Count > 0))
        {
            foreach (var (name, value) in resource.Metadata.Usage.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {resource.Key}: {name} = {MonthlyCost.Figure(value)} (metadata.usage)\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A Markdown table (resource, USD a month, basis) with the total, for READMEs and pull requests.</summary>
    public static string Markdown(DesiredStack stack, CostEstimate estimate)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Stack `{stack.Stack.Name}`, {Prices(estimate.Prices)}.\n\n");
        text.Append("| Resource | USD/month | Basis |\n|---|---:|---|\n");
        foreach (var line in estimate.Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {line.Key} | {line.MonthlyUsd.ToString("0.00", CultureInfo.InvariantCulture)} | {line.Basis.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"| **Total** | **{estimate.MonthlyUsd.ToString("0.00", CultureInfo.InvariantCulture)}** | |\n");
        return text.ToString();
    }

    private static string Prices(PriceTable prices) => $"{prices.Region} prices of {prices.Date}, {prices.Source}";

    private static IEnumerable<(string Id, UsageAssumption Assumption)> Assumptions(PriceTable prices) =>
        prices.Assumptions
            .SelectMany(kind => kind.Value.Select(entry => ($"{kind.Key}.{entry.Key}", entry.Value)))
            .OrderBy(a => a.Item1, StringComparer.Ordinal);
}
