using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>Where a REST API stage writes one line per request, and in what form.</summary>
/// <remarks>
/// API Gateway writes to CloudWatch Logs through the account's API Gateway role
/// (<c>apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,...</c>),
/// set once per account and region; AWS refuses the setting without it (moto does not check).
/// </remarks>
public sealed record StageAccessLogsSpec
{
    /// <summary>The LogGroup document the access logs go to.</summary>
    [Reference("LogGroup")]
    public required string LogGroup { get; init; }

    /// <summary>
    /// The line format, with <c>$context</c> variables; it must contain <c>$context.requestId</c>
    /// (or <c>$context.extendedRequestId</c>), as API Gateway requires.
    /// </summary>
    public required string Format { get; init; }
}
