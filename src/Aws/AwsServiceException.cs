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
        : this(service, operation, errorCode, statusCode, requestId, errorMessage, AwsErrorKind.Other)
    {
    }

    /// <summary>Creates the exception for one kind of error; the subclasses name theirs.</summary>
    protected AwsServiceException(
        string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage, AwsErrorKind kind)
        : base(Describe(service, operation, errorCode, statusCode, requestId, errorMessage))
    {
        Kind = kind;
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

    /// <summary>What the error means: not found, already exists, conflict, throttling or other.</summary>
    public AwsErrorKind Kind { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>AWS's request id, for support cases; null when the answer had none.</summary>
    public string? RequestId { get; }

    /// <summary>AWS's own error message, when it gave one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>
    /// Builds the most specific exception for an error code: the service's error table (generated
    /// from its model's error shapes) decides the kind; a code it does not list (an emulator's, or a
    /// service without a table) is judged by its name and HTTP status.
    /// </summary>
    public static AwsServiceException Create(
        string service,
        string operation,
        string errorCode,
        HttpStatusCode statusCode,
        string? requestId,
        string? errorMessage,
        IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        var kind = errors is not null && errors.TryGetValue(errorCode, out var listed) ? listed : AwsErrorCodes.KindOf(errorCode, (int)statusCode);
        if (kind == AwsErrorKind.Conflict && AwsErrorCodes.SaysAlreadyExists(errorMessage))
        {
            // Some services answer a repeated create with their generic conflict code and say what
            // it is in the message (API Gateway's ConflictException "Stage already exists", Lambda's
            // ResourceConflictException "Function already exist"): it is a duplicate, not a busy resource.
            kind = AwsErrorKind.AlreadyExists;
        }

        return kind switch
        {
            AwsErrorKind.NotFound => new AwsResourceNotFoundException(service, operation, errorCode, statusCode, requestId, errorMessage),
            AwsErrorKind.AlreadyExists => new AwsResourceAlreadyExistsException(service, operation, errorCode, statusCode, requestId, errorMessage),
            AwsErrorKind.Conflict => new AwsConflictException(service, operation, errorCode, statusCode, requestId, errorMessage),
            AwsErrorKind.Throttling => new AwsThrottlingException(service, operation, errorCode, statusCode, requestId, errorMessage),
            _ => new AwsServiceException(service, operation, errorCode, statusCode, requestId, errorMessage),
        };
    }

    private static string Describe(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage) =>
        $"AWS {service} {operation} failed with {errorCode} (HTTP {(int)statusCode}, request id {requestId ?? "none"})"
        + (string.IsNullOrWhiteSpace(errorMessage) ? "." : ": " + errorMessage);
}
