using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// The ALB side of a blue-green service: the listener whose default action forwards to both
/// target groups with <c>weights: rollout</c>. <c>blue</c> and <c>green</c> name the roles at the
/// first rollout; each finished rollout swaps them (green becomes the new blue), and the state
/// table remembers which target group serves as blue now.
/// </summary>
public sealed record AlbRuntimeSpec
{
    /// <summary>The Listener document whose forward weights the rollout moves.</summary>
    [Reference("Listener")]
    public required string Listener { get; init; }

    /// <summary>The TargetGroup serving the stable version before the first rollout.</summary>
    [Reference("TargetGroup")]
    public required string Blue { get; init; }

    /// <summary>The TargetGroup that receives the new version first.</summary>
    [Reference("TargetGroup")]
    public required string Green { get; init; }

    /// <summary>Two different target groups, both forwarded to by the listener with weights the rollout owns.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Blue is not null && Blue == Green)
        {
            rules.Error($"{path}.green", $"{path}.green in InferenceService spec names the same TargetGroup '{Green}' as blue; name two target groups");
        }

        if (Listener is null || rules.Find<ListenerSpec>(Listener) is not { } listener)
        {
            return;
        }

        var forward = listener.DefaultAction?.Forward;
        var groups = forward?.TargetGroups?.Select(g => g.TargetGroup).ToHashSet(StringComparer.Ordinal) ?? [];
        if (forward is null || forward.Weights != ForwardActionSpec.RolloutWeights)
        {
            rules.Error($"{path}.listener", $"Listener '{Listener}' of InferenceService spec.{path}.listener must forward with weights: rollout (its defaultAction.forward), so the rollout owns its weights");
        }

        foreach (var (role, name) in new[] { ("blue", Blue), ("green", Green) })
        {
            if (name is not null && forward is not null && !groups.Contains(name))
            {
                rules.Error($"{path}.{role}", $"TargetGroup '{name}' of InferenceService spec.{path}.{role} is not among the target groups Listener '{Listener}' forwards to; add it to the listener's defaultAction.forward.targetGroups");
            }
        }
    }
}
