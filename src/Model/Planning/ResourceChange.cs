using System.Text.Json.Nodes;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Planning;

/// <summary>The plan for one resource: the action, and the fields that made it.</summary>
public sealed record ResourceChange
{
    public required ResourceKey Key { get; init; }

    public required ChangeAction Action { get; init; }

    /// <summary>The desired resource; null for deletes and orphans.</summary>
    public DesiredResource? Desired { get; init; }

    /// <summary>What was observed in AWS.</summary>
    public ObservedResource? Observed { get; init; }

    /// <summary>The live shape before the change; null for creates.</summary>
    public JsonObject? Before { get; init; }

    /// <summary>The desired shape after the change; null for deletes and orphans.</summary>
    public JsonObject? After { get; init; }

    /// <summary>Changed fields, for updates and replacements.</summary>
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];

    /// <summary>Whether the only differences are tags.</summary>
    public bool TagsOnly { get; init; }

    /// <summary>
    /// True when the document is unchanged since the last apply but AWS differs: someone changed
    /// AWS behind the controller's back.
    /// </summary>
    public bool IsDrift { get; init; }
}
