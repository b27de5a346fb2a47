using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.State;
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
    /// <summary>Computes the plan without changing anything in AWS or in the state table.</summary>
    public async Task<Plan> PlanAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        var (plan, _) = await ObserveAndPlanAsync(desired, overrides, cancellationToken);
        return plan;
    }

    /// <summary>Plans, checks the plan against the guard rails, and executes it.</summary>
    public async Task<ApplyResult> ApplyAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        var (plan, context) = await ObserveAndPlanAsync(desired, overrides, cancellationToken);
        MassDeleteGuard.Check(plan, overrides);
        await state.EnsureTableAsync(cancellationToken);
        return await new PlanExecutor(drivers, state, executorOptions).ExecuteAsync(plan, context, cancellationToken);
    }

    private async Task<(Plan Plan, DriverContext Context)> ObserveAndPlanAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
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
        return (Planner.Compute(desired, observed, recorded), context);
    }
}
