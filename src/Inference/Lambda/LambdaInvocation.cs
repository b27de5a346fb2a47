namespace Reconciler.Inference.Lambda;

/// <summary>One event handed out by the Lambda runtime API's /invocation/next.</summary>
internal sealed record LambdaInvocation(string RequestId, byte[] Event, string? TraceId, DateTimeOffset? Deadline);
