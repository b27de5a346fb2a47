using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>The one stage a REST API is served from, pointing at its latest deployment.</summary>
public sealed record RestApiStageSpec
{
    /// <summary>The stage's name, the first segment of its URL (<c>/v1/predict</c>). Renaming creates the new stage and deletes the old one.</summary>
    public required string Name { get; init; }

    /// <summary>Throttling of every method of the stage.</summary>
    public required ThrottleSpec Throttle { get; init; }

    /// <summary>Access logging; unmanaged when absent.</summary>
    public StageAccessLogsSpec? AccessLogs { get; init; }

    /// <summary>Stage variables, as <c>$stageVariables.name</c> in mappings and the Lambda event.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
