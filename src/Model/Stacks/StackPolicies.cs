namespace Reconciler.Model.Stacks;

/// <summary>The stack-wide policies; resources may override drift and deletion in their metadata.</summary>
public sealed record StackPolicies
{
    /// <summary>What to do when AWS drifts from the documents.</summary>
    public DriftPolicy Drift { get; init; } = DriftPolicy.Alert;

    /// <summary>What to do with a resource whose document was removed.</summary>
    public DeletionPolicy Deletion { get; init; } = DeletionPolicy.Delete;

    /// <summary>
    /// The largest share of the stack's resources, in percent, that one plan may delete.
    /// A larger plan is refused unless the mass-delete guard is overridden on purpose.
    /// </summary>
    public int MaxDeletePercent { get; init; } = 25;

    /// <summary>
    /// What validation does with <c>*</c> actions or resources in IAM policies: warn (the default)
    /// or refuse. Least privilege is enforced where it says refuse, typically in prod.
    /// </summary>
    public WildcardPolicy IamWildcards { get; init; } = WildcardPolicy.Warn;

    /// <summary>
    /// Whether resources that spread over availability zones (Auto Scaling groups, load
    /// balancers, database subnet groups) must use at least two: an error when true, a warning otherwise.
    /// </summary>
    public bool RequireMultipleZones { get; init; }

    /// <summary>
    /// Whether every Trail must be an audit trail: multi-region and with log file validation.
    /// An error when true (typically in prod), a warning otherwise.
    /// </summary>
    public bool RequireAuditTrail { get; init; }
}
