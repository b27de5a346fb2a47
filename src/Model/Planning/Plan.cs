using Reconciler.Model.Stacks;

namespace Reconciler.Model.Planning;

/// <summary>The diff between a desired stack and live AWS: data, rendered separately.</summary>
public sealed record Plan
{
    public required StackSpec Stack { get; init; }

    /// <summary>The folder the desired documents came from, for messages ("AWS matches desired-state/dev").</summary>
    public string Directory { get; init; } = "";

    /// <summary>One entry per resource, desired or known, in dependency order (deletes last, in reverse order).</summary>
    public required IReadOnlyList<ResourceChange> Changes { get; init; }

    /// <summary>
    /// Resources left out of the plan because they, or what they depend on, could not be
    /// observed: nothing is done to them until an observe succeeds.
    /// </summary>
    public IReadOnlyList<SkippedResource> Skipped { get; init; } = [];

    /// <summary>Whether anything would change in AWS.</summary>
    public bool HasChanges => Changes.Any(c => c.Action is not ChangeAction.NoOp);

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);
}
