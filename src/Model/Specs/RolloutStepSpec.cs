using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One step of a rollout: exactly one of <c>setWeight</c>, <c>pause</c> or <c>analysis</c>.</summary>
public sealed record RolloutStepSpec
{
    /// <summary>Sends this percentage of the requests to green (the rest to blue), written as absolute weights and read back.</summary>
    [Range(0, 100)]
    public int? SetWeight { get; init; }

    /// <summary>Waits: for a duration, or (<c>pause: {}</c>) until <c>reconciler rollout promote</c>.</summary>
    public PauseStepSpec? Pause { get; init; }

    /// <summary>Measures green on CloudWatch; advances only when every metric passes, aborts when one fails too often.</summary>
    public AnalysisStepSpec? Analysis { get; init; }

    /// <summary>Exactly one action per step.</summary>
    public void Validate(SpecRules rules, string path)
    {
        var set = new[] { (SetWeight is not null, "setWeight"), (Pause is not null, "pause"), (Analysis is not null, "analysis") }.Where(s => s.Item1).Select(s => s.Item2).ToList();
        if (set.Count != 1)
        {
            rules.Error(path, set.Count == 0
                ? $"{path} in InferenceService spec does nothing; set exactly one of setWeight, pause or analysis"
                : $"{path} in InferenceService spec sets {string.Join(" and ", set)}; set exactly one of setWeight, pause or analysis per step");
        }

        Pause?.Validate(rules, $"{path}.pause");
        Analysis?.Validate(rules, $"{path}.analysis");
    }
}
