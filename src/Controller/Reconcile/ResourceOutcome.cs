using Reconciler.Model;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Reconcile;

/// <summary>What applying one planned change did.</summary>
internal sealed record ResourceOutcome
{
    public required ResourceKey Key { get; init; }

    public required ChangeAction Action { get; init; }

    /// <summary>Whether the change went through.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Error { get; init; }

    /// <summary>What was live afterwards (null for deletes, orphans and failures).</summary>
    public ObservedResource? Observed { get; init; }
}
