namespace Reconciler.Controller.Rollouts;

/// <summary>An operator's request about one rollout, written by the command line, taken by the leader.</summary>
/// <param name="Service">The InferenceService document.</param>
/// <param name="Action">promote, abort or retry.</param>
/// <param name="Id">Unique per request, so taking one never removes a newer one.</param>
/// <param name="RequestedAt">When it was asked for.</param>
public sealed record RolloutIntent(string Service, string Action, string Id, DateTimeOffset RequestedAt)
{
    public const string Promote = "promote";
    public const string Abort = "abort";
    public const string Retry = "retry";
}
