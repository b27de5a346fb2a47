using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// The typed form of an ECR lifecycle policy: the controller writes the policy's JSON from these
/// fields (<see cref="RepositoryLifecyclePolicy"/>) and reads it back into them.
/// </summary>
public sealed record RepositoryLifecycleSpec
{
    /// <summary>How many of the newest images (tagged or not) are kept; older ones expire.</summary>
    [Range(1, 10000)]
    public int? KeepLastImages { get; init; }

    /// <summary>Days after its push an untagged image (a tag moved away, a failed build) expires.</summary>
    [Range(1, 3650)]
    public int? ExpireUntaggedAfterDays { get; init; }
}
