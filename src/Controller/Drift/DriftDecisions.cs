using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drift;

/// <summary>
/// Decides a cycle's notifications from the plan and the open alerts alone (level-triggered,
/// pure): a drifted resource without an open alert for the same drift is new (or healed); one
/// with it is repeated once the repeat interval has passed; an open alert whose resource is in
/// sync (or no longer desired) is resolved.
/// </summary>
internal static class DriftDecisions
{
    /// <param name="plan">The cycle's plan; drifted changes have <see cref="ResourceChange.IsDrift"/>.</param>
    /// <param name="revision">The revision of the documents the plan was computed from.</param>
    /// <param name="applied">Resources whose planned change this cycle applied successfully.</param>
    /// <param name="open">The stack's open alerts, by resource.</param>
    /// <param name="now">The cycle's time.</param>
    /// <param name="repeatInterval">How long an unresolved drift waits before it is notified again.</param>
    public static IReadOnlyList<DriftDecision> Decide(
        Plan plan,
        string revision,
        IReadOnlySet<ResourceKey> applied,
        IReadOnlyDictionary<ResourceKey, DriftAlert> open,
        DateTimeOffset now,
        TimeSpan repeatInterval)
    {
        var decisions = new List<DriftDecision>();
        var planned = new HashSet<ResourceKey>();
        foreach (var change in plan.Changes)
        {
            planned.Add(change.Key);
            var existing = open.GetValueOrDefault(change.Key);
            var decision = change is { IsDrift: true, Desired: { } desired }
                ? Drifted(plan.Stack, change, desired, revision, applied.Contains(change.Key), existing, now, repeatInterval)
                : existing is not null && IsSettled(change.Action) ? Resolve(existing, now) : null;
            if (decision is not null)
            {
                decisions.Add(decision);
            }
        }

        // An alert whose resource left the plan altogether (its document and its record are gone) is over too.
        decisions.AddRange(open.Values.Where(a => !planned.Contains(a.Key)).OrderBy(a => a.Key).Select(a => Resolve(a, now)));
        return decisions;
    }

    // In sync, or no longer desired. A create, update or replace that is not drift comes from a
    // changed document: the alert stays open, quietly, until the apply brings the resource in sync.
    private static bool IsSettled(ChangeAction action) => action is ChangeAction.NoOp or ChangeAction.Delete or ChangeAction.Orphan;

    private static DriftDecision? Drifted(
        StackSpec stack,
        ResourceChange change,
        DesiredResource desired,
        string revision,
        bool applied,
        DriftAlert? existing,
        DateTimeOffset now,
        TimeSpan repeatInterval)
    {
        var fields = change.Fields.Select(DriftField.From).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var signature = DriftAlert.SignatureOf(fields);
        var policy = ResourcePolicies.Drift(stack, desired);
        var healedNow = policy == DriftPolicy.Heal && applied;

        if (existing is null || existing.Signature != signature)
        {
            // A different drift on an alerted resource replaces its alert: what drifted changed, so it is news.
            var alert = new DriftAlert
            {
                Stack = stack.Name,
                Key = change.Key,
                Fields = fields,
                Revision = revision,
                Policy = policy,
                FirstSeen = now,
                LastSent = now,
                Healed = healedNow,
                Signature = signature,
            };
            return Notify(healedNow ? DriftNotificationKind.Healed : DriftNotificationKind.New, alert, now);
        }

        if (healedNow && !existing.Healed)
        {
            // Reported under the alert policy, or a heal that failed before: corrected now.
            return Notify(DriftNotificationKind.Healed, existing with { Revision = revision, Policy = policy, Healed = true, LastSent = now }, now);
        }

        // The same drift seen again (even right after a heal: someone keeps changing it back) is one alert, repeated now and then.
        return now - existing.LastSent >= repeatInterval
            ? Notify(DriftNotificationKind.Repeat, existing with { Fields = fields, Revision = revision, Policy = policy, LastSent = now }, now)
            : null;
    }

    private static DriftDecision Resolve(DriftAlert alert, DateTimeOffset now) =>
        new(AlertWrite.Remove(alert.Stack, alert.Key), new DriftNotification(DriftNotificationKind.Resolved, alert, now));

    private static DriftDecision Notify(DriftNotificationKind kind, DriftAlert alert, DateTimeOffset now) =>
        new(AlertWrite.Put(alert), new DriftNotification(kind, alert, now));
}
