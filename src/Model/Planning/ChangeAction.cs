namespace Reconciler.Model.Planning;

/// <summary>What a plan does to one resource.</summary>
public enum ChangeAction
{
    /// <summary>In sync: nothing to do.</summary>
    NoOp,

    /// <summary>Missing in AWS: create it.</summary>
    Create,

    /// <summary>Differs in fields AWS can change in place.</summary>
    Update,

    /// <summary>Differs in an immutable field: delete and create again.</summary>
    Replace,

    /// <summary>Its document is gone: delete it in AWS.</summary>
    Delete,

    /// <summary>Its document is gone: leave it in AWS and forget it.</summary>
    Orphan,
}
