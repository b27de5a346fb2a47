using System.Net;

namespace Reconciler.Aws;

/// <summary>
/// AWS answered a call of one of the project's own clients with an error. The message names
/// the service, operation, error code, HTTP status and request id; it never carries
/// credentials or request bodies.
/// </summary>
public class AwsServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsServiceException(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
        : base(Describe(service, operation, errorCode, statusCode, requestId, errorMessage))
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        ErrorMessage = errorMessage;
    }

    /// <summary>The service's signing name, e.g. "logs".</summary>
    public string Service { get; }

    /// <summary>The operation called, e.g. "DeleteLogGroup".</summary>
    public string Operation { get; }

    /// <summary>AWS's error code, e.g. "ResourceNotFoundException", "Throttling".</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>AWS's request id, for support cases; null when the answer had none.</summary>
    public string? RequestId { get; }

    /// <summary>AWS's own error message, when it gave one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>
    /// Builds the most specific exception for an error code: missing resources become
    /// <see cref="AwsResourceNotFoundException"/>, duplicates <see cref="AwsResourceAlreadyExistsException"/>.
    /// </summary>
    public static AwsServiceException Create(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
    {
        if (AwsErrorCodes.IsNotFound(errorCode))
        {
            return new AwsResourceNotFoundException(service, operation, errorCode, statusCode, requestId, errorMessage);
        }

        if (AwsErrorCodes.IsAlreadyExists(errorCode))
        {
            return new AwsResourceAlreadyExistsException(service, operation, errorCode, statusCode, requestId, errorMessage);
        }

        return new AwsServiceException(service, operation, errorCode, statusCode, requestId, errorMessage);
    }

    private static string Describe(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage) =>
        $"AWS {service} {operation} failed with {errorCode} (HTTP {(int)statusCode}, request id {requestId ?? "none"})"
        + (string.IsNullOrWhiteSpace(errorMessage) ? "." : ": " + errorMessage);
}
