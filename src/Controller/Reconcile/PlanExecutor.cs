using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.State;
using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Executes a plan: creates, updates and replacements first, each as soon as what it references
/// is done, with bounded parallelism; then deletes, kinds in reverse reference order, together
/// with the old resources that create-before-destroy replacements left behind. A failed resource
/// fails alone: what depends on it is skipped with the reason, everything else goes on.
/// Each change is recorded in the state table as it completes, a create also before it is sent.
/// Once cancelled, no change is started; a driver write that AWS already answered is still
/// recorded, so the table never misses what was done.
/// </summary>
internal sealed class PlanExecutor(DriverCatalog drivers, IStateStore state, ExecutorOptions options)
{
    /// <param name="plan">The plan to execute.</param>
    /// <param name="recorded">What the state table held when the plan was made: unchanged no-ops are not written again.</param>
    /// <param name="context">The drivers' context of this cycle.</param>
    /// <param name="cancellationToken">Stops scheduling new changes.</param>
    public async Task<ApplyResult> ExecuteAsync(Plan plan, IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, DriverContext context, CancellationToken cancellationToken)
    {
        options.Validate();
        var retiring = new RetiringSet(recorded, plan);
        var outcomes = new List<ResourceOutcome>();
        outcomes.AddRange(await ConvergeAsync(plan, recorded, retiring, context, cancellationToken));
        outcomes.AddRange(await RemoveAsync(plan, retiring, context, cancellationToken));
        return new ApplyResult { Plan = plan, Outcomes = outcomes };
    }

    private async Task<List<ResourceOutcome>> ConvergeAsync(Plan plan, IReadOnlyDictionary<ResourceKey, RecordedResource> recorded, RetiringSet retiring, DriverContext context, CancellationToken cancellationToken)
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
            var task = RunAfterAsync(change, recorded.GetValueOrDefault(change.Key), dependencies, slots, retiring, context, cancellationToken);
            done[change.Key] = task;
            return task;
        }

        foreach (var change in changes.Values)
        {
            _ = Schedule(change);
        }

        return [.. await Task.WhenAll(done.Values)];
    }

    private async Task<ResourceOutcome> RunAfterAsync(ResourceChange change, RecordedResource? recorded, List<Task<ResourceOutcome>> dependencies, SemaphoreSlim slots, RetiringSet retiring, DriverContext context, CancellationToken cancellationToken)
    {
        var failed = (await Task.WhenAll(dependencies)).FirstOrDefault(d => !d.Succeeded);
        if (failed is not null)
        {
            context.Logger.LogWarning("{Action} {Resource} skipped: it depends on {Dependency}, which failed", change.Action, change.Key, failed.Key);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = false, Error = $"skipped: it depends on {failed.Key}, which failed" };
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            // A slot freed after cancellation must not start another change.
            cancellationToken.ThrowIfCancellationRequested();
            return await ApplyOneAsync(change, recorded, retiring, context, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<ResourceOutcome> ApplyOneAsync(ResourceChange change, RecordedResource? recorded, RetiringSet retiring, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired!;
        var policy = ResourcePolicies.Deletion(context.Stack, desired);
        try
        {
            var driver = drivers.Get(change.Key.Kind);
            IReadOnlyDictionary<string, string> replaced = new Dictionary<string, string>();
            ObservedResource observed;
            switch (change.Action)
            {
                case ChangeAction.Create:
                    observed = await CreateAsync(driver, desired, policy, context, cancellationToken);
                    break;
                case ChangeAction.Replace when CreatesBeforeDestroying(change.Key.Kind):
                    replaced = change.Observed!.Identity;
                    observed = await CreateBesideAsync(driver, change, recorded, policy, context, cancellationToken);
                    break;
                case ChangeAction.Replace:
                    RefuseToReplaceData(change, policy);
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

            // AWS has done it: record it even if cancellation came meanwhile, or the table would miss it.
            var record = RecordOf(context.Stack, desired, observed, policy, replaced.Count > 0 ? replaced : recorded?.Retiring);
            if (!IsRecorded(recorded, record))
            {
                await state.RecordAppliedAsync(context.Stack.Name, record, CancellationToken.None);
            }

            retiring.Track(record);

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

    /// <summary>
    /// Replacing a stateful resource deletes it and its data (a database, a table's items), so it
    /// takes the same explicit <c>deletionPolicy: delete</c> a removed document needs; otherwise the
    /// resource stays as it is and the change fails, naming the field that forces the replacement.
    /// </summary>
    private static void RefuseToReplaceData(ResourceChange change, EffectiveDeletionPolicy policy)
    {
        if ((KindCatalog.Find(change.Key.Kind)?.Stateful ?? false) && policy is not { Policy: DeletionPolicy.Delete, Explicit: true })
        {
            var forcing = string.Join(", ", change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
            throw new InvalidOperationException(
                $"{change.Key} holds data and a change to {forcing} replaces it, which deletes the old one; nothing was changed. Revert the field, or set metadata.deletionPolicy: delete to allow the replacement");
        }
    }

    private static bool CreatesBeforeDestroying(string kind) => KindCatalog.Find(kind)?.CreateBeforeDestroy ?? false;

    private async Task<ObservedResource> CreateAsync(IResourceDriver driver, DesiredResource desired, EffectiveDeletionPolicy policy, DriverContext context, CancellationToken cancellationToken)
    {
        await state.MarkCreatePendingAsync(context.Stack.Name, desired.Key, policy, cancellationToken);
        var observed = await driver.CreateAsync(desired, context, cancellationToken);
        FailPoint.Hit(FailPoint.AfterCreate, desired.Key);
        return observed;
    }

    /// <summary>
    /// Create-before-destroy: first the record names the old resource as retiring (so a crash
    /// from here on still deletes it later), then the new one is created beside it. The old
    /// one is deleted with the removals, once dependants had their chance to move.
    /// </summary>
    private async Task<ObservedResource> CreateBesideAsync(IResourceDriver driver, ResourceChange change, RecordedResource? recorded, EffectiveDeletionPolicy policy, DriverContext context, CancellationToken cancellationToken)
    {
        var old = change.Observed!;
        var pending = new RecordedResource
        {
            Key = change.Key,
            Identity = old.Identity,
            Outputs = old.Outputs,
            DeletionPolicy = policy.Policy,
            ExplicitDeletionPolicy = policy.Explicit,
            AppliedTags = recorded?.AppliedTags ?? new Dictionary<string, string>(),
            Retiring = old.Identity,
        };
        await state.RecordAppliedAsync(context.Stack.Name, pending, cancellationToken);
        var observed = await driver.CreateBesideAsync(change.Desired!, old.Identity, context, cancellationToken);
        FailPoint.Hit(FailPoint.AfterCreate, change.Key);
        return observed;
    }

    private async Task<List<ResourceOutcome>> RemoveAsync(Plan plan, RetiringSet retiring, DriverContext context, CancellationToken cancellationToken)
    {
        var removals = plan.Changes.Where(c => c.Action is ChangeAction.Delete or ChangeAction.Orphan).ToList();
        var outcomes = new List<ResourceOutcome>();
        foreach (var level in drivers.KindLevels.Reverse())
        {
            var work = removals.Where(c => level.Contains(c.Key.Kind)).Select(c => (Func<Task<ResourceOutcome>>)(() => RemoveOneAsync(c, context, cancellationToken)))
                .Concat(retiring.InKinds(level).Select(r => (Func<Task<ResourceOutcome>>)(() => RetireOneAsync(r.Key, r.Value, retiring, context, cancellationToken))))
                .ToList();
            using var slots = new SemaphoreSlim(options.MaxParallelism);
            outcomes.AddRange(await Task.WhenAll(work.Select(async run =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return await run();
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
            await state.ForgetAsync(context.Stack.Name, change.Key, CancellationToken.None);
            context.Logger.LogInformation("{Action} {Resource}: done", change.Action, change.Key);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = true };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError(e, "{Action} {Resource} failed: {Error}", change.Action, change.Key, e.Message);
            return new ResourceOutcome { Key = change.Key, Action = change.Action, Succeeded = false, Error = e.Message };
        }
    }

    /// <summary>Deletes the old resource a create-before-destroy replaced, then clears it from the record.</summary>
    private async Task<ResourceOutcome> RetireOneAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, RetiringSet retiring, DriverContext context, CancellationToken cancellationToken)
    {
        var id = identity.GetValueOrDefault("id") ?? "?";
        try
        {
            await drivers.Get(key.Kind).DeleteAsync(key, identity, context, cancellationToken);
            if (retiring.RecordAfterRetirement(key) is { } record)
            {
                await state.RecordAppliedAsync(context.Stack.Name, record, CancellationToken.None);
            }

            context.Logger.LogInformation("Delete replaced {Resource} ({Id}): done", key, id);
            return new ResourceOutcome { Key = key, Action = ChangeAction.Delete, Succeeded = true };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError(e, "Delete replaced {Resource} ({Id}) failed: {Error}", key, id, e.Message);
            return new ResourceOutcome { Key = key, Action = ChangeAction.Delete, Succeeded = false, Error = $"deleting the replaced resource {id} failed (retried next run): {e.Message}" };
        }
    }

    private static RecordedResource RecordOf(StackSpec stack, DesiredResource desired, ObservedResource observed, EffectiveDeletionPolicy policy, IReadOnlyDictionary<string, string>? retiring) => new()
    {
        Key = desired.Key,
        Identity = observed.Identity,
        Outputs = observed.Outputs,

        // Only a resource that now matches its document counts as applied at this hash; one a
        // driver could not finish is recorded without it, so the rest is an update next time,
        // not drift.
        AppliedHash = Planner.Matches(stack, desired, observed) ? desired.Hash : null,
        DeletionPolicy = policy.Policy,
        ExplicitDeletionPolicy = policy.Explicit,
        AppliedTags = ResourceTags.Effective(stack, desired),
        Retiring = retiring ?? new Dictionary<string, string>(),
    };

    // A record that already says exactly this needs no write: a no-op apply writes nothing at all.
    private static bool IsRecorded(RecordedResource? recorded, RecordedResource next) =>
        recorded is not null
        && recorded.AppliedHash == next.AppliedHash
        && recorded.DeletionPolicy == next.DeletionPolicy
        && recorded.ExplicitDeletionPolicy == next.ExplicitDeletionPolicy
        && SameEntries(recorded.Identity, next.Identity)
        && SameEntries(recorded.Outputs, next.Outputs)
        && SameEntries(recorded.AppliedTags, next.AppliedTags)
        && SameEntries(recorded.Retiring, next.Retiring);

    internal static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var value) && value == e.Value);
}
