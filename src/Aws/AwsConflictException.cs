using System.Net;

namespace Reconciler.Aws;

/// <summary>
/// The resource is in use or changing (ResourceConflictException, ResourceInUseException,
/// DeleteConflict, ...): the same call may succeed once whatever holds it lets go.
/// </summary>
public sealed class AwsConflictException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsConflictException(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
        : base(service, operation, errorCode, statusCode, requestId, errorMessage, AwsErrorKind.Conflict)
    {
    }
}
