using Reconciler.Aws;
using System.Collections.Concurrent;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers.Inference;

/// <summary>
/// Converges inference services. An inference service is no AWS resource of its own (its
/// listener, target groups and model bucket are kinds of their own): its identity is logical
/// (<c>stack/name</c>, kept in the state table) and what this driver reads in AWS is the model,
/// resolving <c>model.version</c> to its S3 object version and SHA-256 (docs/model-versions.md).
/// <para>
/// Live form: the document itself. Which version serves is the rollout's state, not a setting
/// AWS holds, so nothing here can drift; the rollout itself (moving the weights) is the rollout
/// engine's, run by the daemon's leader (src/Controller/Rollouts), which refuses to start on a
/// label no object version carries and says so in <c>reconciler rollout status</c>. A missing
/// model is not a plan error: the platform (and its model bucket) is applied before anyone can
/// upload a model into it.
/// </para>
/// <para>
/// Outputs: modelVersionId and modelSha256 of the object version the label resolves to, absent
/// while it resolves to none.
/// </para>
/// <para>
/// Tags: there is no AWS resource to carry them; observations report the desired ones, so the
/// base never writes any (<see cref="NoResourceTags"/> refuses if it ever tried). The fresh read
/// after a write has only the id to go on, so the spec and tags last seen for an id are kept here.
/// </para>
/// </summary>
internal sealed class InferenceServiceDriver : ResourceDriver<InferenceServiceSpec>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        Reconciler.Controller.Aws.SdkOperations.S3.HeadObject,
        Reconciler.Controller.Aws.SdkOperations.S3.ListObjectVersions,
    ];

    /// <summary>An inference service is rolled out by the controller's rollout engine, whose calls its stack's policy must grant.</summary>
    public override IReadOnlyList<AwsOperation> ControllerSideOperations => Permissions.ControllerOperations.Rollouts;

    private readonly ConcurrentDictionary<string, (InferenceServiceSpec Spec, IReadOnlyDictionary<string, string> Tags)> _lastSeen = new(StringComparer.Ordinal);

    protected override ITagApi Tags => NoResourceTags.Instance;

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var observed = new List<ObservedResource>();
        foreach (var key in request.Keys.Where(k => k.Kind == Kind))
        {
            var desired = request.DesiredOf(key);
            var id = request.RecordOf(key)?.Identity.GetValueOrDefault("id");
            observed.Add(desired is null || id is null
                ? new ObservedResource { Key = key, Exists = false }
                : await ReadAsync(key, desired.SpecAs<InferenceServiceSpec>(), ResourceTags.Effective(context.Stack, desired), id, context, cancellationToken));
        }

        return observed;
    }

    protected override Task<ObservedResource?> FindAsync(ResourceKey key, InferenceServiceSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ObservedResource?>(null);

    // Nothing to create in AWS: the identity is the document's place in the stack.
    protected override Task<string> CreateNewAsync(ResourceKey key, InferenceServiceSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var id = $"{context.Stack.Name}/{key.Name}";
        _lastSeen[id] = (spec, tags);
        return Task.FromResult(id);
    }

    // Never called for a difference (live is the document); kept so a changed document is remembered.
    protected override Task ApplyAsync(SpecChange<InferenceServiceSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        _lastSeen.AddOrUpdate(change.Id, _ => (change.Desired, new Dictionary<string, string>()), (_, seen) => (change.Desired, seen.Tags));
        return Task.CompletedTask;
    }

    protected override Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken) =>
        _lastSeen.TryGetValue(id, out var seen)
            ? ReadAsync(key, seen.Spec, seen.Tags, id, context, cancellationToken)
            : throw new InvalidOperationException($"{key}: no document was seen for inference service {id}; observe it with its document.");

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override bool IsNotFound(Exception error) => false;

    private async Task<ObservedResource> ReadAsync(ResourceKey key, InferenceServiceSpec spec, IReadOnlyDictionary<string, string> tags, string id, DriverContext context, CancellationToken cancellationToken)
    {
        _lastSeen[id] = (spec, tags);
        var bucket = context.Identities.TryIdOf(new ResourceKey("Bucket", spec.Model.Bucket));
        ResolvedModel? resolved = null;
        try
        {
            resolved = bucket is null ? null : await ModelVersions.ResolveAsync(context.Aws.S3, bucket, spec.Model.Key, spec.Model.Version, cancellationToken);
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode is "NoSuchBucket")
        {
            // The bucket is being replaced or was deleted behind our back: no model, no outputs.
        }

        var outputs = resolved is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["modelVersionId"] = resolved.VersionId, ["modelSha256"] = resolved.Sha256 };
        return Observed(key, spec, tags, new Dictionary<string, string> { ["id"] = id }, outputs);
    }
}
