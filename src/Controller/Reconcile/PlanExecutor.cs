using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Executes a plan: creates, updates and replacements first, each as soon as what it references
/// is done, with bounded parallelism; then deletes, kinds in reverse reference order. A failed
/// resource fails alone: what depends on it is skipped with the reason, everything else goes on.
/// Each change is recorded in the state table as it completes, a create also before it is sent.
/// </summary>
internal sealed class PlanExecutor(DriverCatalog drivers, StateStore state, ExecutorOptions options)
{
    /// <param name="plan">The plan to execute.</param>
    /// <param name="recorded">What the state table held when the plan was made: unchanged no-ops are not written again.</param>
    /// <param name="context">The drivers' context of this cycle.</param>
    /// <param name="cancellationToken">Stops scheduling new changes.</param>
    public async Task<ApplyResult> ExecuteAsync(Plan plan, IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, DriverContext context, CancellationToken cancellationToken)
    {
        options.Validate();
        var outcomes = new List<ResourceOutcome>();
        outcomes.AddRange(await ConvergeAsync(plan, recorded, context, cancellationToken));
        outcomes.AddRange(await RemoveAsync(plan, context, cancellationToken));
        return new ApplyResult { Plan = plan, Outcomes = outcomes };
    }

    private async Task<List<ResourceOutcome>> ConvergeAsync(Plan plan, IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, DriverContext context, CancellationToken cancellationToken)
    {
        var changes = plan.Changes.Where(c => c.Desired is not null).ToDictionary(c => c.Key);
        var done = new Dictionary<ResourceKey, Task<ResourceOutcome>>();
        using var slots = new SemaphoreSlim(options.MaxParallelism);

        Task<ResourceOutcome> Schedule(ResourceChange change)
        {
            if (done.TryGetValue(change.Key, out var scheduled))
            {
                return scheduled;
            }

            var dependencies = change.Desired!.DependsOn.Where(changes.ContainsKey).Select(k => Schedule(changes[k])).ToList();
            var task = RunAfterAsync(change, recorded.GetValueOrDefault(change.Key), dependencies, slots, context, cancellationToken);
            done[change.Key] = task;
            return task;
        }

        foreach (var change in changes.Values)
        {
            _ = Schedule(change);
        }

        return [.. await Task.WhenAll(done.Values)];
    }

    private async Task<ResourceOutcome> RunAfterAsync(ResourceChange change, RecordedResource? recorded, List<Task<ResourceOutcome>> dependencies, SemaphoreSlim slots, DriverContext context, CancellationToken cancellationToken)
    {
        var failed = (await Task.WhenAll(dependencies)).FirstOrDefault(d => !d.Succeeded);
        if (failed is not null)
        {
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = false, Error = $"skipped: it depends on {failed.Key}, which failed" };
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            return await ApplyOneAsync(change, recorded, context, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<ResourceOutcome> ApplyOneAsync(ResourceChange change, RecordedResource? recorded, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired!;
        var stack = context.Stack.Name;
        var policy = ResourcePolicies.Deletion(context.Stack, desired);
        try
        {
            var driver = drivers.Get(change.Key.Kind);
            ObservedResource observed;
            switch (change.Action)
            {
                case ChangeAction.Create:
                    observed = await CreateAsync(driver, desired, policy, context, cancellationToken);
                    break;
                case ChangeAction.Replace:
                    await driver.DeleteAsync(change.Key, change.Observed!.Identity, context, cancellationToken);
                    context.Identities.Remove(change.Key);
                    observed = await CreateAsync(driver, desired, policy, context, cancellationToken);
                    break;
                case ChangeAction.Update:
                    observed = await driver.UpdateAsync(desired, change.Observed!, change.Fields, context, cancellationToken);
                    break;
                default:
                    observed = change.Observed!;
                    break;
            }

            // Only a resource that now matches its document counts as applied at this hash; one a
            // driver could not finish is recorded without it, so the rest is an update next time,
            // not drift.
            var hash = Planner.Matches(context.Stack, desired, observed) ? desired.Hash : null;
            if (!IsRecorded(recorded, hash, observed, policy))
            {
                await state.RecordAppliedAsync(stack, change.Key, observed, hash, policy, cancellationToken);
            }

            if (change.Action is not ChangeAction.NoOp)
            {
                context.Logger.LogInformation("{Action} {Resource}: done", change.Action, change.Key);
            }

            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = true, Observed = observed };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError(e, "{Action} {Resource} failed: {Error}", change.Action, change.Key, e.Message);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = false, Error = e.Message };
        }
    }

    private async Task<ObservedResource> CreateAsync(IResourceDriver driver, DesiredResource desired, EffectiveDeletionPolicy policy, DriverContext context, CancellationToken cancellationToken)
    {
        await state.MarkCreatePendingAsync(context.Stack.Name, desired.Key, policy, cancellationToken);
        var observed = await driver.CreateAsync(desired, context, cancellationToken);
        FailPoint.Hit(FailPoint.AfterCreate, desired.Key);
        return observed;
    }

    private async Task<List<ResourceOutcome>> RemoveAsync(Plan plan, DriverContext context, CancellationToken cancellationToken)
    {
        var removals = plan.Changes.Where(c => c.Action is ChangeAction.Delete or ChangeAction.Orphan).ToList();
        var outcomes = new List<ResourceOutcome>();
        foreach (var level in drivers.KindLevels.Reverse())
        {
            var inLevel = removals.Where(c => level.Contains(c.Key.Kind)).ToList();
            using var slots = new SemaphoreSlim(options.MaxParallelism);
            outcomes.AddRange(await Task.WhenAll(inLevel.Select(async change =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    return await RemoveOneAsync(change, context, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            })));
        }

        return outcomes;
    }

    private async Task<ResourceOutcome> RemoveOneAsync(ResourceChange change, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (change.Action == ChangeAction.Delete && change.Observed is { Exists: true } observed)
            {
                await drivers.Get(change.Key.Kind).DeleteAsync(change.Key, observed.Identity, context, cancellationToken);
            }

            context.Identities.Remove(change.Key);
            await state.ForgetAsync(context.Stack.Name, change.Key, cancellationToken);
            context.Logger.LogInformation("{Action} {Resource}: done", change.Action, change.Key);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = true };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError(e, "{Action} {Resource} failed: {Error}", change.Action, change.Key, e.Message);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = false, Error = e.Message };
        }
    }

    // A record that already says exactly this needs no write: a no-op apply writes nothing at all.
    private static bool IsRecorded(RecordedResource? recorded, string? hash, ObservedResource observed, EffectiveDeletionPolicy policy) =>
        recorded is not null
        && recorded.AppliedHash == hash
        && recorded.DeletionPolicy == policy.Policy
        && recorded.ExplicitDeletionPolicy == policy.Explicit
        && SameEntries(recorded.Identity, observed.Identity)
        && SameEntries(recorded.Outputs, observed.Outputs);

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var value) && value == e.Value);
}
