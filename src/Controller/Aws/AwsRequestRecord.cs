namespace Reconciler.Controller.Aws;

/// <summary>One HTTP request to AWS (one attempt: a retried call makes several).</summary>
/// <param name="Sequence">Position in the log, from 1; compare with <see cref="AwsRequestLog.Mark"/>.</param>
/// <param name="Time">When the request was sent, by the log's clock.</param>
/// <param name="Service">The SigV4 signing name, e.g. "ec2", "logs", "s3".</param>
/// <param name="Operation">The API operation, e.g. "DescribeVpcs", "CreateLogGroup".</param>
/// <param name="StatusCode">The HTTP status of the answer; null when no answer came (network error, timeout).</param>
/// <param name="IsWrite">Whether the operation changes AWS, as declared by its client or the SDK table (see <see cref="AwsOperations"/>).</param>
public sealed record AwsRequestRecord(
    long Sequence,
    DateTimeOffset Time,
    string Service,
    string Operation,
    int? StatusCode,
    bool IsWrite)
{
    /// <summary>When the request was sent; <see cref="Time"/> is when its answer (or failure) came.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>success (below 400), client-error (4xx), server-error (5xx) or no-answer.</summary>
    public string Outcome => StatusCode switch
    {
        null => "no-answer",
        < 400 => "success",
        < 500 => "client-error",
        _ => "server-error",
    };
}
