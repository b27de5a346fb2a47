namespace Reconciler.Model.Stacks;

/// <summary>What happens to a resource whose document is removed.</summary>
public enum DeletionPolicy
{
    /// <summary>Delete it in AWS.</summary>
    Delete,

    /// <summary>Leave it in AWS and forget it.</summary>
    Orphan,
}
