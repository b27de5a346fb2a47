namespace Reconciler.Aws;

/// <summary>
/// What an AWS error means to a caller, decided by the service's generated error table (from
/// the model's error shapes) and, for codes the model does not list, by the code's name.
/// </summary>
public enum AwsErrorKind
{
    /// <summary>Any other error: validation, permissions, quotas, invalid state.</summary>
    Other,

    /// <summary>The named resource does not exist (NoSuchEntity, TargetGroupNotFound, ...).</summary>
    NotFound,

    /// <summary>The resource to create exists already (EntityAlreadyExists, DuplicateTargetGroupName, ...).</summary>
    AlreadyExists,

    /// <summary>The resource is busy or in a state that forbids the change now (ResourceConflictException, ResourceInUseException, ...).</summary>
    Conflict,

    /// <summary>The caller is sending too fast (Throttling, TooManyRequestsException, HTTP 429).</summary>
    Throttling,
}
