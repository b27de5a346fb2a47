using Reconciler.Model.Planning;

namespace Reconciler.Controller.Reconcile.Guards;

/// <summary>
/// Refuses a plan that would delete more than the stack's allowed share of its resources: a
/// folder emptied by mistake, or a wrong path, must not take the platform down.
/// </summary>
internal static class MassDeleteGuard
{
    public static void Check(Plan plan, GuardOverrides overrides)
    {
        var deletes = plan.Count(ChangeAction.Delete) + plan.Count(ChangeAction.Replace);
        if (deletes == 0 || overrides.AllowMassDelete)
        {
            return;
        }

        var total = plan.Changes.Count(c => c.Action is not ChangeAction.Create);
        var percent = total == 0 ? 100.0 : 100.0 * deletes / total;
        var allowed = plan.Stack.Policies.MaxDeletePercent;
        if (percent > allowed)
        {
            throw new GuardViolation(
                $"The plan deletes {deletes} of the stack's {total} existing resources ({percent:0}%), more than the {allowed}% its policies.maxDeletePercent allows. " +
                "Check that the documents are all there; to delete them on purpose, pass --allow-mass-delete or raise policies.maxDeletePercent in the Stack document.");
        }
    }
}
