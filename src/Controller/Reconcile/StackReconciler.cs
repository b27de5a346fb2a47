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
/// observed state every time, so a crash at any step is healed by the next run. A kind that
/// cannot be observed is left out, with what depends on it; the rest goes on, and the kind is
/// tried again by a later run, with a growing wait between tries when the options say so.
/// </summary>
internal sealed class StackReconciler(DriverCatalog drivers, AwsClients aws, IStateStore state, ExecutorOptions executorOptions, TimeProvider time, ILogger logger)
{
    // Passes of one apply; see ApplyAsync.
    private const int MaxPasses = 3;

    /// <summary>Computes the plan without changing anything in AWS or in the state table.</summary>
    public async Task<Plan> PlanAsync(DesiredStack desired, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        var round = await ObserveAndPlanAsync(desired, overrides, NotDue.None, cancellationToken);
        return round.Plan;
    }

    /// <summary>
    /// Plans, checks the plan against the guard rails, and executes it. Some changes can only
    /// finish once others exist (a rule between two security groups that reference each other),
    /// so while a pass's changes succeed and leave changes behind, it observes and executes again, a few
    /// passes at most: one apply converges, as level-triggered reconciling would over cycles.
    /// Resources skipped because their kind could not be observed are reported as failed
    /// outcomes; their kinds are not observed again in later passes of the same apply.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(DesiredStack desired, ApplyOptions options, CancellationToken cancellationToken)
    {
        var overrides = options.Overrides;
        var stack = desired.Stack.Name;
        var failures = await state.LoadObserveFailuresAsync(stack, cancellationToken);
        var notDue = options.HonourBackoff ? NotDue.Of(failures, time.GetUtcNow()) : NotDue.None;
        var round = await ObserveAndPlanAsync(desired, overrides, notDue, cancellationToken);
        MassDeleteGuard.Check(round.Plan, overrides);
        await state.EnsureTableAsync(cancellationToken);
        await RecordObserveFailuresAsync(desired, round, notDue, failures, cancellationToken);
        var executor = new PlanExecutor(drivers, state, executorOptions);
        var result = await executor.ExecuteAsync(Executable(round.Plan, options), round.Recorded, round.Context, cancellationToken);
        result = result with { Plan = round.Plan };
        var passSucceeded = result.Succeeded;

        // Later passes leave the kinds that failed alone: the next run retries them.
        var unobserved = round.Observation.FailedKinds;
        for (var pass = 2; pass <= MaxPasses && passSucceeded; pass++)
        {
            var next = await ObserveAndPlanAsync(desired, overrides, unobserved, cancellationToken);
            var executable = Executable(next.Plan, options);
            if (!executable.HasChanges)
            {
                break;
            }

            MassDeleteGuard.Check(executable, overrides);
            var more = await executor.ExecuteAsync(executable, next.Recorded, next.Context, cancellationToken);
            passSucceeded = more.Succeeded;
            result = result with { Outcomes = Merge(result.Outcomes, more.Outcomes) };
        }

        return result with { Outcomes = [.. result.Outcomes, .. SkippedOutcomes(round.Plan)] };
    }

    private static Plan Executable(Plan plan, ApplyOptions options) =>
        options.HonourDriftPolicy ? DriftFilter.WithoutAlertOnlyDrift(plan) : plan;

    // A later pass's outcome of a resource replaces the earlier one, unless that was a no-op. A
    // create-before-destroy replacement has two outcomes (the replace, and the delete of the old
    // resource), so outcomes are matched by resource and by whether they delete.
    private static List<ResourceOutcome> Merge(IReadOnlyList<ResourceOutcome> first, IReadOnlyList<ResourceOutcome> later)
    {
        static (ResourceKey, bool) Slot(ResourceOutcome o) => (o.Key, o.Action == ChangeAction.Delete);

        var merged = new Dictionary<(ResourceKey, bool), ResourceOutcome>();
        foreach (var outcome in first)
        {
            merged[Slot(outcome)] = outcome;
        }

        foreach (var outcome in later)
        {
            var slot = Slot(outcome);
            if (outcome.Action is not ChangeAction.NoOp || !merged.TryGetValue(slot, out var earlier))
            {
                merged[slot] = outcome;
            }
            else
            {
                merged[slot] = earlier with { Observed = outcome.Observed };
            }
        }

        return [.. merged.Values];
    }

    // Skipped resources fail the apply (it exits non-zero, the daemon reports the cycle failed), with the reason.
    private IEnumerable<ResourceOutcome> SkippedOutcomes(Plan plan)
    {
        foreach (var skipped in plan.Skipped)
        {
            logger.LogWarning("{Resource} skipped: {Reason}", skipped.Key, skipped.Reason);
            yield return new ResourceOutcome { Key = skipped.Key, Action = ChangeAction.NoOp, Succeeded = false, Error = skipped.Reason };
        }
    }

    /// <summary>
    /// Counts a failed observe against every resource of the kind (desired or recorded) and sets
    /// when to try again; clears the count of resources whose kind was observed. Kinds not due
    /// were not tried, so their counts stay as they are.
    /// </summary>
    private async Task RecordObserveFailuresAsync(DesiredStack desired, Round round, IReadOnlyDictionary<string, string> notDue, IReadOnlyDictionary<ResourceKey, ObserveFailure> failures, CancellationToken cancellationToken)
    {
        var stack = desired.Stack.Name;
        var now = time.GetUtcNow();
        var keys = desired.Resources.Select(r => r.Key).Concat(round.Recorded.Keys).Concat(failures.Keys).Distinct();
        foreach (var key in keys.Where(k => !notDue.ContainsKey(k.Kind)))
        {
            if (round.Observation.FailedKinds.TryGetValue(key.Kind, out var error))
            {
                var attempts = (failures.GetValueOrDefault(key)?.Attempts ?? 0) + 1;
                var failure = new ObserveFailure { Key = key, Attempts = attempts, NextRetryAt = now + ObserveBackoff.After(attempts), Error = error };
                await state.RecordObserveFailureAsync(stack, failure, cancellationToken);
            }
            else if (failures.ContainsKey(key))
            {
                await state.ClearObserveFailureAsync(stack, key, cancellationToken);
            }
        }
    }

    private async Task<Round> ObserveAndPlanAsync(DesiredStack desired, GuardOverrides overrides, IReadOnlyDictionary<string, string> notDue, CancellationToken cancellationToken)
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
        var observation = await new StackObserver(drivers).ObserveAsync(desired, recorded, notDue, context, cancellationToken);
        var plan = Planner.Compute(desired, observation.Observed, recorded, observation.FailedKinds);
        return new Round(plan, recorded, context, observation);
    }

    private sealed record Round(Plan Plan, IReadOnlyDictionary<ResourceKey, RecordedResource> Recorded, DriverContext Context, StackObservation Observation);
}
