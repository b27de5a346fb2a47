using Reconciler.Model.Planning;

namespace Reconciler.Controller.Reconcile;

/// <summary>The outcome of executing a plan.</summary>
internal sealed record ApplyResult
{
    public required Plan Plan { get; init; }

    public required IReadOnlyList<ResourceOutcome> Outcomes { get; init; }

    public bool Succeeded => Outcomes.All(o => o.Succeeded);
}
