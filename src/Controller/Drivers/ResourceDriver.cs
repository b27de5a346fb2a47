using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// The typed base of every driver, and the one place the verbs' shared flow lives. A kind's
/// driver says how to read its kind (through a family base such as <see cref="Ec2.Ec2Driver{TSpec,TItem}"/>
/// or <see cref="NameAddressedDriver{TSpec,TListed}"/>), how to create a bare resource, how to
/// change fields in place, and how to delete; this class does the rest the same way for all:
/// <list type="bullet">
/// <item>Create adopts: a resource already there for the document (by its tags or its
/// deterministic name, as the family finds it) is taken over instead of duplicated.</item>
/// <item>Create converges: after the create (or adoption) the planner's own diff decides which
/// fields still differ, and they go through the same <see cref="ApplyAsync"/> an update uses, so
/// settings an API cannot take at create time need no second code path.</item>
/// <item>Tags are converged by the service's <see cref="ITagApi"/>: the desired keys are set, and
/// keys the controller applied before and the document dropped are removed; others' tags stay.</item>
/// <item>Every write is followed by a fresh observation, which is what the verb returns.</item>
/// </list>
/// Drivers are found by reflection (<see cref="DriverCatalog"/>): every concrete subclass is the
/// driver of <typeparamref name="TSpec"/>'s kind and needs a parameterless constructor.
/// </summary>
internal abstract class ResourceDriver<TSpec> : IResourceDriver
    where TSpec : class, IResourceSpec
{
    public string Kind { get; } = KindCatalog.For(typeof(TSpec)).Name;

    /// <summary>The AWS operations the driver calls, listed by each driver from the generated <c>*Operations</c> and <see cref="Aws.SdkOperations"/>.</summary>
    public abstract IReadOnlyList<AwsOperation> Operations { get; }

    /// <summary>None by default: only a kind that sets the controller's own machinery to work (a rollout) brings operations beside its driver's.</summary>
    public virtual IReadOnlyList<AwsOperation> ControllerSideOperations => [];

    /// <summary>The service's tagging API.</summary>
    protected abstract ITagApi Tags { get; }

    public abstract Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken);

    /// <summary>How often a create goes back to looking before it gives up on writes whose answers were lost.</summary>
    private const int MaxCreateRounds = 5;

    public Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken) =>
        CreateExceptAsync(desired, excludedId: null, context, cancellationToken);

    public Task<ObservedResource> CreateBesideAsync(DesiredResource desired, IReadOnlyDictionary<string, string> replaced, DriverContext context, CancellationToken cancellationToken) =>
        CreateExceptAsync(desired, replaced.GetValueOrDefault("id"), context, cancellationToken);

    private async Task<ObservedResource> CreateExceptAsync(DesiredResource desired, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var spec = desired.SpecAs<TSpec>();
        for (var round = 1; ; round++)
        {
            try
            {
                return await FindOrCreateAsync(desired, spec, excludedId, context, cancellationToken);
            }
            catch (Exception e) when (round < MaxCreateRounds && IsWriteWorthLookingAgain(e))
            {
                // The create (or a write converging it) may have been carried out although its
                // answer was lost, or an earlier lost create left the resource behind: look
                // again, by tag or name, and adopt what is there instead of creating a second one.
            }
        }
    }

    private async Task<ObservedResource> FindOrCreateAsync(DesiredResource desired, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var observed = await FindAsync(desired.Key, spec, excludedId, context, cancellationToken);
        if (observed is null)
        {
            var id = await CreateNewAsync(desired.Key, spec, ResourceTags.Effective(context.Stack, desired), context, cancellationToken);
            observed = await ReobserveAsync(desired.Key, id, context, cancellationToken);
        }
        else
        {
            // Adopted (an earlier create whose answer was lost): recorded like a created one, or the
            // documents that reference it would find no id for it in this cycle. Families whose
            // observation names the resource itself (a security group's rule on its own group)
            // record it earlier too, in their FindAsync, before they observe.
            context.Identities.Set(desired.Key, observed.Identity["id"]);
        }

        observed = WithUnreadFieldsFrom(observed, spec);
        var fields = Planner.Changes(context.Stack, desired, observed);
        return fields.Count == 0 ? observed : await UpdateAsync(desired, observed, fields, context, cancellationToken);
    }

    /// <summary>
    /// A write whose outcome is unknown (its answer was lost), or a create AWS refused because the
    /// resource exists already (a re-sent create by name: BucketAlreadyOwnedByYou, DynamoDB's
    /// ResourceInUseException; a subnet whose range our own lost create took: InvalidSubnet.Conflict):
    /// all are settled by looking, not by failing the resource. When the look finds nothing of
    /// ours, the create fails again with AWS's own error after a few rounds.
    /// </summary>
    private static bool IsWriteWorthLookingAgain(Exception error) =>
        error is AwsWriteOutcomeUnknownException or AwsResourceAlreadyExistsException
        || (error is Amazon.Runtime.AmazonServiceException { ErrorCode: { } code }
            && (AwsErrorCodes.IsAlreadyExists(code) || code is "ResourceInUseException" or "InvalidSubnet.Conflict"));

    public async Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        // Immutable fields cannot change in place: the planner replaces instead, and an adopted
        // resource that differs in one is left for the next plan to replace.
        var inPlace = fields.Where(f => !f.ForcesReplacement && f.Path != Planner.TagsPath).ToList();
        if (inPlace.Count > 0)
        {
            var change = new SpecChange<TSpec>(desired.Key, desired.SpecAs<TSpec>(), (TSpec)observed.Live!, observed.Identity, inPlace) { OwnedElsewhere = desired.Metadata.IgnoreFields };
            await ApplyAsync(change, context, cancellationToken);
        }

        var missingTags = TagDiff.Missing(ResourceTags.Effective(context.Stack, desired), observed.Tags);
        var live = observed.Tags;
        if (missingTags.Count > 0)
        {
            await Tags.SetAsync(context.Aws, observed.Identity, missingTags, live, cancellationToken);
            live = TagDiff.Overlay(live, missingTags);
        }

        // Keys the planner found applied last time and no longer desired (never the controller's own).
        var removedTags = Planner.RemovedTags(fields).Where(k => !ResourceTags.IsReserved(k) && live.ContainsKey(k)).ToList();
        if (removedTags.Count > 0)
        {
            await Tags.RemoveAsync(context.Aws, observed.Identity, removedTags, live, cancellationToken);
        }

        return WithUnreadFieldsFrom(await ReobserveAsync(desired.Key, observed.Identity["id"], context, cancellationToken), desired.SpecAs<TSpec>());
    }

    public abstract Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The resource already made for this document, if any: found by its <c>reconciler:resource</c>
    /// tag or its deterministic name, so a repeated create (after a crash before the record) adopts it.
    /// Never the resource with id <paramref name="excludedId"/>: the one a create-before-destroy replaces.
    /// </summary>
    protected abstract Task<ObservedResource?> FindAsync(ResourceKey key, TSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the bare resource, with its tags where the API takes them at create time, and
    /// returns its id. Whatever the create call cannot set is converged afterwards by <see cref="ApplyAsync"/>.
    /// </summary>
    protected abstract Task<string> CreateNewAsync(ResourceKey key, TSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Changes the fields listed in <paramref name="change"/> in place (never tags; never immutable fields).</summary>
    protected abstract Task ApplyAsync(SpecChange<TSpec> change, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Reads one resource by id after a write, waiting until AWS shows it.</summary>
    protected abstract Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="live"/> with the fields the endpoint could not read taken from
    /// <paramref name="desired"/>: unknown is not a difference, so nothing is written for it. A kind
    /// overrides it when a part of its state may be unreadable (a budget's subscribers); applied to
    /// what create and update compare and return, and by such a kind's own observe.
    /// </summary>
    protected virtual TSpec WithUnreadFieldsFrom(TSpec live, TSpec desired) => live;

    /// <summary><see cref="WithUnreadFieldsFrom(TSpec, TSpec)"/> on an observation; one that does not exist is returned as it is.</summary>
    protected ObservedResource WithUnreadFieldsFrom(ObservedResource observed, TSpec desired) =>
        observed.Live is TSpec live ? observed with { Live = WithUnreadFieldsFrom(live, desired) } : observed;

    /// <summary>Whether AWS said the resource does not exist: this kind's own error codes.</summary>
    protected abstract bool IsNotFound(Exception error);

    /// <summary>Runs a delete (or detach) treating "not found" as done: a delete of a missing resource succeeds.</summary>
    protected async Task IgnoringNotFoundAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsNotFound(e))
        {
            // Already gone.
        }
    }

    /// <summary>An observation of an existing resource, its live state typed as the kind's spec.</summary>
    protected static ObservedResource Observed(
        ResourceKey key,
        TSpec live,
        IReadOnlyDictionary<string, string> tags,
        IReadOnlyDictionary<string, string> identity,
        IReadOnlyDictionary<string, string> outputs) =>
        new() { Key = key, Exists = true, Live = live, Tags = tags, Identity = identity, Outputs = outputs };
}
