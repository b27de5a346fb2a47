using System.Net;

namespace Reconciler.Aws;

/// <summary>
/// The resource an AWS call tried to create exists already (ResourceAlreadyExistsException,
/// EntityAlreadyExists, ...). Drivers treat a repeated Create as success, not as an error.
/// </summary>
public sealed class AwsResourceAlreadyExistsException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsResourceAlreadyExistsException(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
        : base(service, operation, errorCode, statusCode, requestId, errorMessage, AwsErrorKind.AlreadyExists)
    {
    }
}
