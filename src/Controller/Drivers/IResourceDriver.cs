using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// Converges one kind of resource: the four verbs of crossplane's external client.
/// The contract every driver keeps:
/// <list type="bullet">
/// <item>Observe never changes anything, and reads all resources of the kind in as few calls as
/// the API allows (one paginated, tag-filtered read where it can). It reports live state as the
/// kind's own spec record, references as document names.</item>
/// <item>Drivers report what they see; the planner decides what to do. A driver never chooses
/// between create and update.</item>
/// <item>Create is idempotent: a resource already there (same deterministic name or same
/// <c>reconciler:resource</c> tag) is adopted, not duplicated, and not an error.</item>
/// <item>Delete of a missing resource succeeds.</item>
/// <item>Everything a driver creates carries the stack's tags, set atomically with the create
/// where the API allows, so a crash between create and record is healed by the next observe.</item>
/// </list>
/// </summary>
internal interface IResourceDriver
{
    /// <summary>The <c>kind:</c> this driver converges.</summary>
    string Kind { get; }

    /// <summary>
    /// Every AWS operation the driver may call, its tag adapter's included: what the controller's
    /// IAM policy grants for this kind (<c>reconciler iam-policy</c>). A test reads the compiled
    /// code of each driver and fails, naming the driver and operation, when this list and the
    /// calls differ.
    /// </summary>
    IReadOnlyList<AwsOperation> Operations { get; }

    /// <summary>
    /// The operations the controller itself calls, outside this driver, because a stack has this
    /// kind (the rollout engine for an InferenceService): granted with <see cref="Operations"/> in
    /// the controller's IAM policy for stacks that use the kind, and for no other stack. Empty for
    /// most kinds.
    /// </summary>
    IReadOnlyList<AwsOperation> ControllerSideOperations { get; }

    /// <summary>
    /// Observes the resources of this kind that the stack declares or remembers, plus any that
    /// carry the stack's tag without being either (left over by a crash). Returns one entry per
    /// requested key (missing ones with <c>Exists = false</c>) and one per leftover found.
    /// </summary>
    Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Creates the resource (or adopts it when already there) and observes it.</summary>
    Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a second resource for the document beside the one it replaces (create-before-destroy)
    /// and observes it. Both carry the same <c>reconciler:resource</c> tag, so the adopt step never
    /// takes the resource with the <paramref name="replaced"/> identity: only another one (left by
    /// an earlier attempt that crashed before its record) is adopted.
    /// </summary>
    Task<ObservedResource> CreateBesideAsync(DesiredResource desired, IReadOnlyDictionary<string, string> replaced, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Changes the listed fields in place, then observes the resource again.</summary>
    Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken);

    /// <summary>Deletes the resource; succeeds when it is already gone.</summary>
    Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken);
}
