using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Pricing;

/// <summary>
/// Estimates what a stack costs a month from the price table and its usage assumptions. An
/// estimate, not a bill: usage is assumed per kind (see the table), data transfer is ignored.
/// </summary>
public static class CostEstimator
{
    /// <summary>The monthly cost of every resource of a stack.</summary>
    public static CostEstimate Estimate(DesiredStack stack, PriceTable? prices = null)
    {
        prices ??= PricesFor(stack.Stack);
        var lines = stack.Resources.Select(r => Line(r.Key, r.SpecJson, prices)).ToList();
        return new CostEstimate { MonthlyUsd = lines.Sum(l => l.MonthlyUsd), Lines = lines, Prices = prices };
    }

    /// <summary>
    /// The stack's monthly cost once the plan is applied, and the plan's delta: creates add their
    /// cost, deletes remove the live resource's, updates and replacements add the difference.
    /// Orphans stay in AWS, so they change nothing on the bill.
    /// </summary>
    public static PlanCost Delta(Plan plan, PriceTable? prices = null)
    {
        prices ??= PricesFor(plan.Stack);
        var lines = plan.Changes
            .Where(c => c.Desired is not null)
            .Select(c => Line(c.Key, c.Desired!.SpecJson, prices))
            .ToList();
        var changes = new List<CostChange>();
        foreach (var change in plan.Changes)
        {
            var after = change.Action switch
            {
                ChangeAction.Create or ChangeAction.Update or ChangeAction.Replace => Line(change.Key, change.After ?? [], prices).MonthlyUsd,
                _ => 0m,
            };
            var before = change.Action switch
            {
                ChangeAction.Update or ChangeAction.Replace or ChangeAction.Delete => Line(change.Key, change.Before ?? change.After ?? [], prices).MonthlyUsd,
                _ => 0m,
            };
            if (after != before)
            {
                changes.Add(new CostChange(change.Key, change.Action, before, after));
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

    /// <summary>The monthly cost of one resource given its spec (desired or live shape).</summary>
    public static CostLine Line(ResourceKey key, JsonObject spec, PriceTable prices)
    {
        var (usd, basis) = key.Kind switch
        {
            "Bucket" => Bucket(spec, prices),
            "LogGroup" => LogGroup(spec, prices),
            "Table" => Table(spec, prices),
            "Vpc" or "Subnet" or "InternetGateway" or "RouteTable" or "SecurityGroup" => (0m, "no charge"),
            _ => (0m, "not priced yet"),
        };
        return new CostLine(key, Math.Round(usd, 2, MidpointRounding.AwayFromZero), basis);
    }

    /// <summary>"$12.34", always two decimals, invariant.</summary>
    public static string Usd(decimal amount) => amount.ToString("$0.00", CultureInfo.InvariantCulture);

    /// <summary>"+$1.20" or "-$0.50".</summary>
    public static string SignedUsd(decimal amount) => (amount < 0 ? "-" : "+") + Usd(Math.Abs(amount));

    private static PriceTable PricesFor(StackSpec stack) => PriceTable.ForRegion(stack.Region) ?? PriceTable.Default;

    private static (decimal, string) Bucket(JsonObject spec, PriceTable p)
    {
        var versioning = spec["versioning"] is not JsonValue v || v.GetValue<bool>();
        var gb = p.Assumption("Bucket", "storageGb") + (versioning ? p.Assumption("Bucket", "noncurrentGb") : 0);
        var puts = p.Assumption("Bucket", "putRequestsPerMonth");
        var gets = p.Assumption("Bucket", "getRequestsPerMonth");
        var usd = (gb * p.Price("s3.standardStorage")) + (puts / 1000 * p.Price("s3.putRequests")) + (gets / 1000 * p.Price("s3.getRequests"));
        return (usd, $"{N(gb)} GB stored, {N(puts)} PUT and {N(gets)} GET requests a month");
    }

    private static (decimal, string) LogGroup(JsonObject spec, PriceTable p)
    {
        var ingested = p.Assumption("LogGroup", "ingestedGbPerMonth");
        var retentionDays = CanonicalJson.Number(spec["retentionDays"]) ?? 30;

        // In steady state the group holds retentionDays' worth of events.
        var storedGb = ingested * retentionDays / 30m;
        var usd = (ingested * p.Price("logs.ingestion")) + (storedGb * p.Price("logs.storage"));
        return (usd, $"{N(ingested)} GB ingested a month, {N(Math.Round(storedGb, 1))} GB kept for {N(retentionDays)} days");
    }

    private static (decimal, string) Table(JsonObject spec, PriceTable p)
    {
        var storage = p.Assumption("Table", "storageGb");
        var pitr = spec["pointInTimeRecovery"] is not JsonValue v || v.GetValue<bool>();
        var storageUsd = (storage * p.Price("dynamodb.storage")) + (pitr ? storage * p.Price("dynamodb.pitr") : 0);
        if ((string?)spec["billingMode"] == "PROVISIONED")
        {
            var rcu = CanonicalJson.Number(spec["readCapacity"]) ?? 0;
            var wcu = CanonicalJson.Number(spec["writeCapacity"]) ?? 0;
            var capacity = p.HoursPerMonth * ((rcu * p.Price("dynamodb.provisionedRcu")) + (wcu * p.Price("dynamodb.provisionedWcu")));
            return (capacity + storageUsd, $"{N(rcu)} RCU and {N(wcu)} WCU provisioned, {N(storage)} GB stored{(pitr ? " with PITR" : "")}");
        }

        var reads = p.Assumption("Table", "readMillionsPerMonth");
        var writes = p.Assumption("Table", "writeMillionsPerMonth");
        var requests = (reads * p.Price("dynamodb.onDemandRead")) + (writes * p.Price("dynamodb.onDemandWrite"));
        return (requests + storageUsd, $"{N(reads)}M reads and {N(writes)}M writes on demand, {N(storage)} GB stored{(pitr ? " with PITR" : "")}");
    }

    private static string N(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
