using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Keeps drift that its policy says to leave alone out of execution: under <c>alert</c>, a
/// resource changed behind the controller's back is reported, not corrected. Changes that come
/// from the documents themselves are always executed.
/// </summary>
internal static class DriftFilter
{
    /// <summary>The plan without the drifted changes of resources whose drift policy is alert.</summary>
    public static Plan WithoutAlertOnlyDrift(Plan plan) => plan with
    {
        Changes = [.. plan.Changes.Where(c => !IsAlertOnly(plan.Stack, c))],
    };

    private static bool IsAlertOnly(StackSpec stack, ResourceChange change) =>
        change.IsDrift && change.Desired is { } desired && ResourcePolicies.Drift(stack, desired) == DriftPolicy.Alert;
}
