using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// One reconcile of a validated stack, in named steps: guard the account, read the state,
/// observe AWS, plan, guard the plan, execute. Level-triggered: it works from the whole
/// observed state every time, so a crash at any step is healed by the next run.
/// </summary>
internal sealed class StackReconciler(DriverCatalog drivers, AwsClients aws, StateStore state, ExecutorOptions executorOptions, TimeProvider time, ILogger logger)
{
    // Passes of one apply; see ApplyAsync.
    private const int MaxPasses = 3;

    /// <summary>Computes the plan without changing anything in AWS or in the state table.</summary>
    public async Task<Plan> PlanAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        var (plan, _, _) = await ObserveAndPlanAsync(desired, overrides, cancellationToken);
        return plan;
    }

    /// <summary>
    /// Plans, checks the plan against the guard rails, and executes it. Some changes can only
    /// finish once others exist (a rule between two security groups that reference each other),
    /// so while a pass succeeds and leaves changes behind, it observes and executes again, a few
    /// passes at most: one apply converges, as level-triggered reconciling would over cycles.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(DesiredStack desired, ApplyOptions options, CancellationToken cancellationToken)
    {
        var overrides = options.Overrides;
        var (plan, recorded, context) = await ObserveAndPlanAsync(desired, overrides, cancellationToken);
        MassDeleteGuard.Check(plan, overrides);
        await state.EnsureTableAsync(cancellationToken);
        var executor = new PlanExecutor(drivers, state, executorOptions);
        var result = await executor.ExecuteAsync(Executable(plan, options), recorded, context, cancellationToken);
        result = result with { Plan = plan };
        for (var pass = 2; pass <= MaxPasses && result.Succeeded; pass++)
        {
            var (next, nextRecorded, nextContext) = await ObserveAndPlanAsync(desired, overrides, cancellationToken);
            var executable = Executable(next, options);
            if (!executable.HasChanges)
            {
                break;
            }

            MassDeleteGuard.Check(executable, overrides);
            var more = await executor.ExecuteAsync(executable, nextRecorded, nextContext, cancellationToken);
            result = result with { Outcomes = Merge(result.Outcomes, more.Outcomes) };
        }

        return result;
    }


    private static Plan Executable(Plan plan, ApplyOptions options) =>
        options.HonourDriftPolicy ? DriftFilter.WithoutAlertOnlyDrift(plan) : plan;

    // A later pass's outcome of a resource replaces the earlier one, unless that was a no-op.
    private static List<ResourceOutcome> Merge(IReadOnlyList<ResourceOutcome> first, IReadOnlyList<ResourceOutcome> later)
    {
        var merged = first.ToDictionary(o => o.Key);
        foreach (var outcome in later)
        {
            if (outcome.Action is not Model.Planning.ChangeAction.NoOp || !merged.ContainsKey(outcome.Key))
            {
                merged[outcome.Key] = outcome;
            }
            else
            {
                merged[outcome.Key] = merged[outcome.Key] with { Observed = outcome.Observed };
            }
        }

        return [.. merged.Values];
    }

    private async Task<(Plan Plan, IReadOnlyDictionary<ResourceKey, RecordedResource> Recorded, DriverContext Context)> ObserveAndPlanAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        await AccountGuard.CheckAsync(aws.Sts, desired.Stack, overrides, cancellationToken);
        var context = new DriverContext
        {
            Stack = desired.Stack,
            Aws = aws,
            Identities = new IdentityIndex(),
            Time = time,
            Logger = logger,
        };
        var recorded = await state.LoadAsync(desired.Stack.Name, cancellationToken);
        var observed = await new StackObserver(drivers).ObserveAsync(desired, recorded, context, cancellationToken);
        return (Planner.Compute(desired, observed, recorded), recorded, context);
    }
}
