using System.Net;

namespace Reconciler.Aws;

/// <summary>
/// The resource an AWS call named does not exist (ResourceNotFoundException, NoSuchEntity,
/// *.NotFound, ...). Drivers treat it as "already deleted" on Delete and "absent" on Observe.
/// </summary>
public sealed class AwsResourceNotFoundException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsResourceNotFoundException(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
        : base(service, operation, errorCode, statusCode, requestId, errorMessage, AwsErrorKind.NotFound)
    {
    }
}
