using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Listener rule conditions between the spec's record and ELBv2's shape (per-field config blocks).</summary>
internal static class Elbv2Conditions
{
    public static IReadOnlyList<RuleCondition> ToAws(IEnumerable<RuleConditionSpec> conditions) =>
        [.. conditions.Select(c => c.Field switch
        {
            "path-pattern" => new RuleCondition { Field = c.Field, PathPatternConfig = new PathPatternConditionConfig { Values = c.Values } },
            "host-header" => new RuleCondition { Field = c.Field, HostHeaderConfig = new HostHeaderConditionConfig { Values = c.Values } },
            _ => new RuleCondition { Field = c.Field, HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = c.HttpHeaderName, Values = c.Values } },
        })];

    /// <summary>The live conditions; values from the field's config block, or the legacy top-level values.</summary>
    public static IReadOnlyList<RuleConditionSpec> FromAws(IEnumerable<RuleCondition>? conditions) =>
        [.. (conditions ?? []).Where(c => c.Field is not null).Select(c => new RuleConditionSpec
        {
            Field = c.Field!,
            Values = c.PathPatternConfig?.Values ?? c.HostHeaderConfig?.Values ?? c.HttpHeaderConfig?.Values ?? c.Values ?? [],
            HttpHeaderName = c.HttpHeaderConfig?.HttpHeaderName,
        })];
}
