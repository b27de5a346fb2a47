using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>A stage of a REST API that a usage plan covers: its keys may call it, at the plan's limits.</summary>
public sealed record UsagePlanStageSpec
{
    /// <summary>The RestApi document.</summary>
    [Reference("RestApi")]
    public required string RestApi { get; init; }

    /// <summary>The name of the RestApi's stage (its <c>stage.name</c>).</summary>
    public required string Stage { get; init; }
}
