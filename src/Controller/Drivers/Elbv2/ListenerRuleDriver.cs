using System.Globalization;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using ElasticLoadBalancingV2Operations = Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations;

namespace Reconciler.Controller.Drivers.Elbv2;

/// <summary>
/// Converges listener rules.
/// <para>
/// Reads: one paginated DescribeRules per listener of the stack (ELBv2 lists rules only by
/// listener or ARN; a listener's default rule is its default action, not a rule document), then
/// one DescribeTags per 20 rules (the tagging API does not list rules).
/// </para>
/// <para>Live form: the listener and target groups as document names; the action as for listeners (shared conversion).</para>
/// </summary>
internal sealed class ListenerRuleDriver : Elbv2Driver<ListenerRuleSpec, Rule>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. Elbv2Tags.Operations,
        .. StackTagIndex.Operations,
        ElasticLoadBalancingV2Operations.CreateRule,
        ElasticLoadBalancingV2Operations.DeleteRule,
        ElasticLoadBalancingV2Operations.DescribeRules,
        ElasticLoadBalancingV2Operations.ModifyRule,
        ElasticLoadBalancingV2Operations.SetRulePriorities,
    ];

    protected override string ArnOutputName => "ruleArn";

    protected override string ArnOf(Rule item) => item.RuleArn!;

    protected override Task<IReadOnlyList<Rule>> ListAsync(IReadOnlyList<ListenerRuleSpec> desired, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken) =>
        ListUnderAsync(
            ParentArns("Listener", desired.Select(d => d.Listener), recordedArns, "listener-rule", "listener", context),
            async (listener, marker) =>
            {
                var page = await context.Aws.Elbv2.DescribeRulesAsync(new DescribeRulesInput { ListenerArn = listener, Marker = marker }, cancellationToken);
                return (page.Rules?.Where(r => r.RuleArn is not null && r.IsDefault != true), page.NextMarker);
            },
            context,
            cancellationToken);

    protected override async Task<Rule?> DescribeByArnAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Elbv2.DescribeRulesAsync(new DescribeRulesInput { RuleArns = [arn] }, cancellationToken)).Rules?.FirstOrDefault();

    protected override Task<(ListenerRuleSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(Rule item, DriverContext context, CancellationToken cancellationToken)
    {
        var live = new ListenerRuleSpec
        {
            Listener = context.Identities.NameOf("Listener", ParentArn(item.RuleArn!, "listener-rule", "listener")),
            Priority = int.TryParse(item.Priority, CultureInfo.InvariantCulture, out var priority) ? priority : 0,
            Conditions = Elbv2Conditions.FromAws(item.Conditions),
            Action = Elbv2Actions.FromAws(item.Actions, context),
        };
        return Task.FromResult<(ListenerRuleSpec, IReadOnlyDictionary<string, string>)>((live, new Dictionary<string, string>()));
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, ListenerRuleSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var created = await context.Aws.Elbv2.CreateRuleAsync(
            new CreateRuleInput
            {
                ListenerArn = context.Identities.IdOf("Listener", spec.Listener),
                Priority = spec.Priority,
                Conditions = Elbv2Conditions.ToAws(spec.Conditions),
                Actions = Elbv2Actions.ToAws(spec.Action, live: null, context),
                Tags = Elbv2Tags.AtCreate(tags),
            },
            cancellationToken);
        return created.Rules?.FirstOrDefault()?.RuleArn ?? throw new InvalidOperationException($"{key}: CreateRule returned no rule.");
    }

    protected override async Task ApplyAsync(SpecChange<ListenerRuleSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (change.Changed("priority"))
        {
            await context.Aws.Elbv2.SetRulePrioritiesAsync(
                new SetRulePrioritiesInput { RulePriorities = [new RulePriorityPair { RuleArn = change.Id, Priority = change.Desired.Priority }] },
                cancellationToken);
        }

        if (change.Changed("conditions") || change.Changed("action"))
        {
            await context.Aws.Elbv2.ModifyRuleAsync(
                new ModifyRuleInput
                {
                    RuleArn = change.Id,
                    Conditions = change.Changed("conditions") ? Elbv2Conditions.ToAws(change.Desired.Conditions) : null,
                    Actions = change.Changed("action") ? Elbv2Actions.ToAws(change.Desired.Action, change.Live.Action, context) : null,
                },
                cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Elbv2.DeleteRuleAsync(new DeleteRuleInput { RuleArn = identity["id"] }, cancellationToken));
}
