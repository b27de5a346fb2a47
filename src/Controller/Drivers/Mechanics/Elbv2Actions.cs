using Reconciler.Model.Specs;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using ElbAction = Reconciler.Aws.Clients.ElasticLoadBalancingV2.Action;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The one conversion between a listener's or rule's <see cref="ListenerActionSpec"/> and ELBv2's
/// actions, shared by the Listener and ListenerRule drivers. Target groups are documents in the
/// spec and ARNs in AWS.
/// </summary>
internal static class Elbv2Actions
{
    /// <summary>
    /// The AWS action for <paramref name="desired"/>. Weights a rollout owns are taken from
    /// <paramref name="live"/> for target groups already forwarded to (the reconciler never moves
    /// them after create), and from the document only for new ones.
    /// </summary>
    public static IReadOnlyList<ElbAction> ToAws(ListenerActionSpec desired, ListenerActionSpec? live, DriverContext context)
    {
        if (desired.Forward is { } forward)
        {
            var liveWeights = forward.Weights == ForwardActionSpec.RolloutWeights
                ? (live?.Forward?.TargetGroups ?? []).ToDictionary(g => g.TargetGroup, g => g.Weight, StringComparer.Ordinal)
                : [];
            return
            [
                new ElbAction
                {
                    Type = "forward",
                    ForwardConfig = new ForwardActionConfig
                    {
                        TargetGroups = [.. forward.TargetGroups.Select(g => new TargetGroupTuple
                        {
                            TargetGroupArn = context.Identities.IdOf("TargetGroup", g.TargetGroup),
                            Weight = liveWeights.TryGetValue(g.TargetGroup, out var weight) ? weight : g.Weight,
                        })],
                        TargetGroupStickinessConfig = forward.StickinessSeconds > 0
                            ? new TargetGroupStickinessConfig { Enabled = true, DurationSeconds = forward.StickinessSeconds }
                            : new TargetGroupStickinessConfig { Enabled = false },
                    },
                },
            ];
        }

        if (desired.Redirect is { } redirect)
        {
            return
            [
                new ElbAction
                {
                    Type = "redirect",
                    RedirectConfig = new RedirectActionConfig
                    {
                        Protocol = redirect.Protocol,
                        Port = redirect.Port,
                        Host = redirect.Host,
                        Path = redirect.Path,
                        Query = redirect.Query,
                        StatusCode = redirect.StatusCode,
                    },
                },
            ];
        }

        var response = desired.FixedResponse ?? throw new InvalidOperationException("An action sets none of forward, redirect or fixedResponse; validation should have refused it.");
        return
        [
            new ElbAction
            {
                Type = "fixed-response",
                FixedResponseConfig = new FixedResponseActionConfig { StatusCode = response.StatusCode, ContentType = response.ContentType, MessageBody = response.MessageBody },
            },
        ];
    }

    /// <summary>
    /// The live action as the spec's record: the last action (authentication actions come before
    /// it), target groups as document names; a forward's <c>weights</c> is reported as declared
    /// (ownership is the document's setting, never diffed).
    /// </summary>
    public static ListenerActionSpec FromAws(IReadOnlyList<ElbAction>? actions, DriverContext context)
    {
        var action = (actions ?? []).OrderBy(a => a.Order ?? int.MaxValue).LastOrDefault();
        return action?.Type switch
        {
            "forward" => new ListenerActionSpec
            {
                Forward = new ForwardActionSpec
                {
                    TargetGroups = action.ForwardConfig?.TargetGroups is { Count: > 0 } groups
                        ? [.. groups.Where(g => g.TargetGroupArn is not null).Select(g => new WeightedTargetGroupSpec { TargetGroup = context.Identities.NameOf("TargetGroup", g.TargetGroupArn!), Weight = g.Weight ?? 1 })]
                        : action.TargetGroupArn is { } arn ? [new WeightedTargetGroupSpec { TargetGroup = context.Identities.NameOf("TargetGroup", arn) }] : [],
                    StickinessSeconds = action.ForwardConfig?.TargetGroupStickinessConfig is { Enabled: true, DurationSeconds: { } seconds } ? seconds : 0,
                },
            },
            "redirect" when action.RedirectConfig is { } redirect => new ListenerActionSpec
            {
                Redirect = new RedirectActionSpec
                {
                    Protocol = redirect.Protocol ?? "#{protocol}",
                    Port = redirect.Port ?? "#{port}",
                    Host = redirect.Host ?? "#{host}",
                    Path = redirect.Path ?? "/#{path}",
                    Query = redirect.Query ?? "#{query}",
                    StatusCode = redirect.StatusCode,
                },
            },
            "fixed-response" when action.FixedResponseConfig is { } response => new ListenerActionSpec
            {
                FixedResponse = new FixedResponseActionSpec { StatusCode = response.StatusCode, ContentType = response.ContentType ?? "text/plain", MessageBody = response.MessageBody },
            },
            _ => new ListenerActionSpec(),
        };
    }
}
