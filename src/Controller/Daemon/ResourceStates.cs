using Reconciler.Controller.Reconcile;
using Reconciler.Controller.State;
using Reconciler.Model.Planning;

namespace Reconciler.Controller.Daemon;

/// <summary>Each resource's state after a cycle, for status and metrics.</summary>
internal static class ResourceStates
{
    public const string InSync = "in-sync";
    public const string Drifted = "drifted";
    public const string Failed = "failed";
    public const string PendingDelete = "pending-delete";
    public const string NotObserved = "not-observed";

    public static Dictionary<string, ResourceStatus> Of(ApplyResult result)
    {
        var outcomes = result.Outcomes.GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.Last());
        var states = new Dictionary<string, ResourceStatus>(StringComparer.Ordinal);
        foreach (var change in result.Plan.Changes)
        {
            var outcome = outcomes.GetValueOrDefault(change.Key);
            var gone = change.Action is ChangeAction.Delete or ChangeAction.Orphan;
            if (outcome is { Succeeded: false })
            {
                states[change.Key.ToString()] = new ResourceStatus(gone ? PendingDelete : Failed, outcome.Error);
            }
            else if (gone)
            {
                // Deleted or orphaned: no longer part of the stack.
            }
            else if (outcome is null && change.Action is not ChangeAction.NoOp)
            {
                // Left alone on purpose: drift under the alert policy.
                states[change.Key.ToString()] = new ResourceStatus(change.IsDrift ? Drifted : Failed);
            }
            else
            {
                states[change.Key.ToString()] = new ResourceStatus(InSync);
            }
        }

        // Left out of the plan because their kind (or one they depend on) could not be read.
        foreach (var skipped in result.Plan.Skipped)
        {
            states[skipped.Key.ToString()] = new ResourceStatus(NotObserved, skipped.Reason);
        }

        return states;
    }
}
