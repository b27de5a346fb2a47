using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A rule of a listener: requests matching its conditions get its action, rules tried by priority (lowest first).</summary>
/// <remarks>Replaced delete-then-create: a listener takes one rule per priority.</remarks>
[Kind("ListenerRule")]
public sealed record ListenerRuleSpec : IResourceSpec
{
    /// <summary>The Listener document the rule belongs to. Changing it replaces the rule.</summary>
    [Reference("Listener"), Immutable]
    public required string Listener { get; init; }

    /// <summary>Its priority, 1 to 50000, unique on the listener.</summary>
    [Range(1, 50000)]
    public required int Priority { get; init; }

    /// <summary>The conditions, all of which must hold (1 to 5). Compared as a set.</summary>
    public required IReadOnlyList<RuleConditionSpec> Conditions { get; init; }

    /// <summary>What the rule does with a matching request.</summary>
    public required ListenerActionSpec Action { get; init; }

    /// <summary>Conditions within ELB's limits, the action's rules, and no plain HTTP forwarding from the internet.</summary>
    public void Validate(SpecRules rules)
    {
        if (Conditions is { } conditions)
        {
            if (rules.HasValue("conditions") && conditions.Count is 0 or > 5)
            {
                rules.Error("conditions", $"conditions of ListenerRule spec lists {conditions.Count}; a rule takes 1 to 5 conditions");
            }

            for (var i = 0; i < conditions.Count; i++)
            {
                if (conditions[i] is not { } condition)
                {
                    continue;
                }

                if ((condition.Field == "http-header") != (condition.HttpHeaderName is not null))
                {
                    rules.Error($"conditions[{i}]", condition.Field == "http-header"
                        ? $"conditions[{i}] of ListenerRule spec is an http-header condition without httpHeaderName; name the header, e.g. httpHeaderName: X-Canary"
                        : $"conditions[{i}] of ListenerRule spec sets httpHeaderName on a {condition.Field} condition; remove it or set field: http-header");
                }

                if (condition.Values is { Count: 0 })
                {
                    rules.Error($"conditions[{i}].values", $"conditions[{i}].values of ListenerRule spec is empty; list at least one pattern");
                }
            }
        }

        Action?.Validate(rules, "action", "ListenerRule");
        if (Listener is not null && rules.Find<ListenerSpec>(Listener) is { } listener)
        {
            PlainHttp.RefuseForwarding(rules, listener.LoadBalancer, listener.Protocol, Action, "action", "ListenerRule");
        }
    }

    /// <summary>A rollout's weights, when the action forwards with <c>weights: rollout</c>.</summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => Action?.FieldsOwnedElsewhere("action") ?? [];

    /// <summary>AWS charges nothing for a rule (the load balancer's LCUs carry the cost).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
