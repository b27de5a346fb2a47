using System.Globalization;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Pricing;

/// <summary>
/// Estimates what a stack costs a month from the price table and its usage assumptions. An
/// estimate, not a bill: usage is assumed per kind (see the table), overridden by the stack's
/// <c>spec.usage</c> and a document's <c>metadata.usage</c>; data transfer out to the internet is
/// one more line, from the <c>DataTransfer.outGbPerMonth</c> assumption.
/// </summary>
public static class CostEstimator
{
    /// <summary>The monthly cost of every resource of a stack.</summary>
    public static CostEstimate Estimate(DesiredStack stack, PriceTable? prices = null)
    {
        prices ??= PricesFor(stack.Stack);
        var context = new PricingContext(prices, stack.Resources.ToDictionary(r => r.Key, r => r.Spec), UsageOf(stack.Resources));
        var lines = stack.Resources.Select(r => Line(r.Key, r.Spec, context)).Append(DataTransfer.Line(prices)).ToList();
        return new CostEstimate { MonthlyUsd = lines.Sum(l => l.MonthlyUsd), Lines = lines, Prices = prices };
    }

    /// <summary>
    /// The stack's monthly cost once the plan is applied, and the plan's delta: creates add their
    /// cost, deletes remove the live resource's, updates and replacements add the difference, and
    /// unchanged resources priced through a document the plan changes (a group through its launch
    /// template) add theirs.
    /// Orphans stay in AWS, so they change nothing on the bill.
    /// </summary>
    public static PlanCost Delta(Plan plan, PriceTable? prices = null)
    {
        prices ??= PricesFor(plan.Stack);

        // Each side is priced with its own documents in view: what is desired, and what is live.
        // Both take the documents' usage figures: usage is an assumption about traffic, not state.
        var usage = UsageOf(plan.Changes.Where(c => c.Desired is not null).Select(c => c.Desired!));
        var after = new PricingContext(prices, plan.Changes.Where(c => c.Desired is not null).ToDictionary(c => c.Key, c => c.Desired!.Spec), usage);
        var before = new PricingContext(prices, plan.Changes.Where(c => c.Observed?.Live is not null).ToDictionary(c => c.Key, c => c.Observed!.Live!), usage);
        var lines = plan.Changes
            .Where(c => c.Desired is not null)
            .Select(c => Line(c.Key, c.Desired!.Spec, after))
            .Append(DataTransfer.Line(prices))
            .ToList();
        var changes = new List<CostChange>();
        foreach (var change in plan.Changes)
        {
            var afterUsd = change.Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Replace or ChangeAction.NoOp ? Cost(change.Key, change.Desired?.Spec, after) : 0m;
            var beforeUsd = change.Action switch
            {
                ChangeAction.Update or ChangeAction.Replace or ChangeAction.Delete => Cost(change.Key, change.Observed?.Live, before),

                // Unchanged itself, it may still cost more or less through a document it references
                // that the plan changes (a group's launch template): the same spec priced both ways.
                ChangeAction.NoOp => Cost(change.Key, change.Desired?.Spec, before),
                _ => 0m,
            };
            if (afterUsd != beforeUsd)
            {
                changes.Add(new CostChange(change.Key, change.Action, beforeUsd, afterUsd));
            }
        }

        return new PlanCost
        {
            MonthlyUsd = lines.Sum(l => l.MonthlyUsd),
            DeltaUsd = changes.Sum(c => c.DeltaUsd),
            Lines = lines,
            Changes = changes,
            Prices = prices,
        };
    }

    /// <summary>The monthly cost of one resource given its spec (desired, or live): the kind's own <see cref="IResourceSpec.Price(PricingContext)"/>.</summary>
    public static CostLine Line(ResourceKey key, IResourceSpec spec, PricingContext context)
    {
        var cost = spec.Price(context.For(key));
        return new CostLine(key, Math.Round(cost.Usd, 2, MidpointRounding.AwayFromZero), cost.Basis);
    }

    /// <summary>"$12.34", always two decimals, invariant.</summary>
    public static string Usd(decimal amount) => amount.ToString("$0.00", CultureInfo.InvariantCulture);

    /// <summary>"+$1.20" or "-$0.50".</summary>
    public static string SignedUsd(decimal amount) => (amount < 0 ? "-" : "+") + Usd(Math.Abs(amount));

    // Nothing live (a recorded resource already gone) costs nothing.
    private static decimal Cost(ResourceKey key, IResourceSpec? spec, PricingContext context) => spec is null ? 0m : Line(key, spec, context).MonthlyUsd;

    /// <summary>The region's table (us-east-1's for regions without one) with the stack's <c>spec.usage</c> applied.</summary>
    public static PriceTable PricesFor(StackSpec stack) =>
        (PriceTable.ForRegion(stack.Region) ?? PriceTable.Default).WithUsage(stack.Usage, "spec.usage of the Stack document");

    private static Dictionary<ResourceKey, IReadOnlyDictionary<string, decimal>> UsageOf(IEnumerable<DesiredResource> resources) =>
        resources.Where(r => r.Metadata.Usage.Count > 0).ToDictionary(r => r.Key, r => r.Metadata.Usage);
}
