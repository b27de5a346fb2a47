using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An EC2 Auto Scaling group: how many instances of a launch template run, in which subnets, and
/// how their health is judged. It always runs its template's current default version: when the
/// template gets a new version the group is moved to it and an instance refresh replaces the
/// running instances.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed (<c>{stack}-{name}</c> by default) and unique
/// per account and region, so the new group cannot exist beside the old one.
/// </remarks>
[Kind("AutoScalingGroup")]
public sealed record AutoScalingGroupSpec : IResourceSpec
{
    /// <summary>The group's name, unique in the region. Defaults to <c>{stack}-{document name}</c>; changing it replaces the group.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? GroupName { get; init; }

    /// <summary>The LaunchTemplate document whose default version the instances run.</summary>
    [Reference("LaunchTemplate")]
    public required string LaunchTemplate { get; init; }

    /// <summary>The fewest instances the group keeps.</summary>
    [Range(0, 1000)]
    public required int MinSize { get; init; }

    /// <summary>The most instances the group may scale out to.</summary>
    [Range(0, 1000)]
    public required int MaxSize { get; init; }

    /// <summary>How many instances run; between minSize and maxSize.</summary>
    [Range(0, 1000)]
    public required int DesiredCapacity { get; init; }

    /// <summary>The Subnet documents the instances are spread over; subnets in two zones or more keep the group up when a zone fails. Compared as a set.</summary>
    [Reference("Subnet")]
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>
    /// The TargetGroup documents the instances register with (blue and green behind one weighted
    /// listener): their load balancer's health checks judge the instances when healthCheckType is
    /// ELB. Compared as a set.
    /// </summary>
    [Reference("TargetGroup")]
    public IReadOnlyList<string> TargetGroups { get; init; } = [];

    /// <summary>ELB: an instance the load balancer finds unhealthy is replaced; EC2: only instances EC2 finds impaired are.</summary>
    [AllowedValues("ELB", "EC2")]
    public string HealthCheckType { get; init; } = "ELB";

    /// <summary>Seconds a new instance has to boot (and fetch its model) before failed health checks count against it.</summary>
    [Range(0, 7200)]
    public int HealthCheckGracePeriod { get; init; } = 300;

    /// <summary>Sizes in order (min, desired, max), and subnets in more than one zone.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("minSize") && rules.HasValue("maxSize") && MinSize > MaxSize)
        {
            rules.Error("minSize", $"minSize {MinSize} is greater than maxSize {MaxSize} in AutoScalingGroup spec; lower minSize or raise maxSize");
        }
        else if (rules.HasValue("desiredCapacity") && rules.HasValue("minSize") && rules.HasValue("maxSize") && (DesiredCapacity < MinSize || DesiredCapacity > MaxSize))
        {
            rules.Error("desiredCapacity", $"desiredCapacity {DesiredCapacity} is outside minSize {MinSize} to maxSize {MaxSize} in AutoScalingGroup spec; set it between them");
        }

        CheckZones(rules);
    }

    /// <summary>
    /// Subnets all in one zone (as their documents declare it) lose every instance with that zone:
    /// an error where the stack's policies require several zones, else a warning. Subnets that
    /// leave the zone to AWS, or that do not bind, are not judged.
    /// </summary>
    private void CheckZones(SpecRules rules)
    {
        if (!rules.HasValue("subnets") || Subnets.Count == 0)
        {
            return;
        }

        var zones = Subnets.Select(name => name is null ? null : rules.Find<SubnetSpec>(name)?.AvailabilityZone).ToList();
        if (zones.Any(z => z is null) || zones.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return;
        }

        var message = $"every subnet of AutoScalingGroup spec.subnets is in {zones[0]}, so one zone's outage stops the whole group; add a subnet in another availability zone";
        if (rules.Policies?.RequireMultipleZones == true)
        {
            rules.Error("subnets", message + " (the stack's policies.requireMultipleZones asks for two or more)");
        }
        else
        {
            rules.Warn("subnets", message);
        }
    }

    /// <summary>Without the stack's documents the launch template's instance type is unknown: nothing priced, and the basis says so.</summary>
    public MonthlyCost Price(PriceTable prices) => Price(new PricingContext(prices));

    /// <summary>The template's instance type by the hour, and its root volume by the GB-month, times desiredCapacity.</summary>
    public MonthlyCost Price(PricingContext context)
    {
        if (LaunchTemplate is null || context.Find<LaunchTemplateSpec>(LaunchTemplate) is not { } template)
        {
            return new MonthlyCost(0m, $"launch template '{LaunchTemplate}' not in the estimate: its instances are not priced");
        }

        var prices = context.Prices;
        if (!prices.Prices.TryGetValue($"ec2.{template.InstanceType}", out var hourly))
        {
            return new MonthlyCost(0m, $"{DesiredCapacity} x {template.InstanceType}: no price for that instance type in the {prices.Region} table");
        }

        var volume = template.RootVolume ?? new RootVolumeSpec();
        var volumeGb = volume.SizeGb;
        var perInstance = (prices.HoursPerMonth * hourly.Usd) + (volumeGb * (prices.Prices.TryGetValue($"ec2.{volume.VolumeType}Storage", out var storage) ? storage.Usd : prices.Price("ec2.gp3Storage")));
        return new MonthlyCost(
            DesiredCapacity * perInstance,
            $"{DesiredCapacity} x {template.InstanceType} for {MonthlyCost.Figure(prices.HoursPerMonth)} hours, each with a {volumeGb} GB {volume.VolumeType} root volume");
    }
}
