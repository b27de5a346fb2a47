using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An Application Load Balancer: the platform's HTTP(S) entry point, in two or more zones.</summary>
/// <remarks>
/// Stateful: its DNS name is the address DNS records and clients hold, and a deleted load
/// balancer cannot be brought back under it (AWS gives a new one a new DNS name). Like data, it is
/// orphaned when its document goes unless the document said <c>deletionPolicy: delete</c>; only
/// then does the delete switch deletion protection off first. Replaced delete-then-create: its
/// name is fixed (<c>{stack}-{name}</c>) and unique in the region, so a new one cannot stand beside it.
/// </remarks>
[Kind("LoadBalancer", Stateful = true)]
public sealed record LoadBalancerSpec : IResourceSpec
{
    /// <summary>Internet-facing.</summary>
    public const string InternetFacing = "internet-facing";

    /// <summary>The load balancer's name, at most 32 characters. Defaults to <c>{stack}-{name}</c>. Changing it replaces the load balancer.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? LoadBalancerName { get; init; }

    /// <summary>internet-facing (public addresses) or internal (private addresses only). Changing it replaces the load balancer.</summary>
    [AllowedValues(InternetFacing, "internal"), Immutable]
    public string Scheme { get; init; } = "internal";

    /// <summary>The Subnet documents it has a node in: at least two, in different zones.</summary>
    [Reference("Subnet")]
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>The SecurityGroup documents guarding it.</summary>
    [Reference("SecurityGroup")]
    public required IReadOnlyList<string> SecurityGroups { get; init; }

    /// <summary>Access logs to a bucket; unmanaged when absent.</summary>
    public AccessLogsSpec? AccessLogs { get; init; }

    /// <summary>Whether AWS refuses to delete it (attribute deletion_protection.enabled). On by default; dev may turn it off by a variable.</summary>
    public bool DeletionProtection { get; init; } = true;

    /// <summary>Seconds an idle connection stays open (attribute idle_timeout.timeout_seconds).</summary>
    [Range(1, 4000)]
    public int IdleTimeoutSeconds { get; init; } = 60;

    /// <summary>Whether requests with header names that are not valid HTTP are stripped of them (attribute routing.http.drop_invalid_header_fields.enabled): request smuggling defence.</summary>
    public bool DropInvalidHeaderFields { get; init; } = true;

    /// <summary>ELB's naming rules, and subnets in at least two zones.</summary>
    public void Validate(SpecRules rules)
    {
        if (LoadBalancerName is { } name && Elbv2Naming.Problem(name) is { } problem)
        {
            if (rules.IsSet("loadBalancerName"))
            {
                rules.Error("loadBalancerName", $"invalid loadBalancerName '{name}' in LoadBalancer spec: load balancer names {problem}");
            }
            else
            {
                rules.ErrorAtName($"default load balancer name '{name}' (stack name and document name) is invalid: load balancer names {problem}; set spec.loadBalancerName or shorten the names");
            }
        }

        if (Subnets is not { } subnets || !rules.HasValue("subnets"))
        {
            return;
        }

        var zones = subnets.Select(s => rules.Find<SubnetSpec>(s)).ToList();
        if (zones.All(z => z?.AvailabilityZone is not null) && zones.Select(z => z!.AvailabilityZone).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            rules.Error("subnets", $"subnets of LoadBalancer spec lie in {zones.Select(z => z!.AvailabilityZone).Distinct(StringComparer.Ordinal).Count()} availability zone(s); an Application Load Balancer needs subnets in at least two zones, so add a subnet of another zone");
        }
    }

    /// <summary>The load balancer's hours and its capacity units (LCUs) at the table's average use.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var lcus = prices.Assumption("LoadBalancer", "lcus");
        var usd = prices.HoursPerMonth * (prices.Price("elb.albHour") + (lcus * prices.Price("elb.albLcu")));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(prices.HoursPerMonth)} hours, {MonthlyCost.Figure(lcus)} LCU on average");
    }
}
