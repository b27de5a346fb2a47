using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>A pause of a rollout: a fixed time, or (no duration) until someone promotes it.</summary>
public sealed record PauseStepSpec
{
    /// <summary>How long to wait, e.g. 30s, 5m, 1h; absent: until <c>reconciler rollout promote</c>.</summary>
    public string? Duration { get; init; }

    /// <summary>A duration that parses.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Duration is not null && !RolloutDurations.TryParse(Duration, out _))
        {
            rules.Error($"{path}.duration", $"{path}.duration '{Duration}' in InferenceService spec is not a duration; write seconds, minutes or hours such as 30s, 5m or 1h");
        }
    }
}
