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
/// Live form: the model with the version label found in S3 (empty when no object version carries
/// the desired label, so the plan shows the change and the apply fails naming the labels there);
/// runtime and strategy are the controller's settings, not AWS state, and never drift. The
/// rollout itself (moving the weights) is the rollout engine's, run by the daemon's leader
/// (src/Controller/Rollouts); a create or update here only checks the label resolves.
/// </para>
/// <para>Outputs: modelVersionId and modelSha256 of the resolved object version.</para>
/// <para>
/// Tags: there is no AWS resource to carry them; observations report the desired ones, so the
/// base never writes any (<see cref="NoResourceTags"/> refuses if it ever tried). The fresh read
/// after a write has only the id to go on, so the spec and tags last seen for an id are kept here.
/// </para>
/// </summary>
internal sealed class InferenceServiceDriver : ResourceDriver<InferenceServiceSpec>
{
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

    // Nothing to create in AWS; refusing a label no object version carries keeps the record (and
    // with it any rollout) from starting on a model that is not there.
    protected override async Task<string> CreateNewAsync(ResourceKey key, InferenceServiceSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        await ResolveOrThrowAsync(spec, context, cancellationToken);
        var id = $"{context.Stack.Name}/{key.Name}";
        _lastSeen[id] = (spec, tags);
        return id;
    }

    protected override async Task ApplyAsync(SpecChange<InferenceServiceSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        await ResolveOrThrowAsync(change.Desired, context, cancellationToken);
        _lastSeen.AddOrUpdate(change.Id, _ => (change.Desired, new Dictionary<string, string>()), (_, seen) => (change.Desired, seen.Tags));
    }

    protected override Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken) =>
        _lastSeen.TryGetValue(id, out var seen)
            ? ReadAsync(key, seen.Spec, seen.Tags, id, context, cancellationToken)
            : throw new InvalidOperationException($"{key}: no document was seen for inference service {id}; observe it with its document.");

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override bool IsNotFound(Exception error) => false;

    private static async Task ResolveOrThrowAsync(InferenceServiceSpec spec, DriverContext context, CancellationToken cancellationToken) =>
        await ModelVersions.ResolveOrThrowAsync(context.Aws.S3, context.Identities.IdOf("Bucket", spec.Model.Bucket), spec.Model.Key, spec.Model.Version, cancellationToken);

    private async Task<ObservedResource> ReadAsync(ResourceKey key, InferenceServiceSpec spec, IReadOnlyDictionary<string, string> tags, string id, DriverContext context, CancellationToken cancellationToken)
    {
        _lastSeen[id] = (spec, tags);
        var resolved = await ModelVersions.ResolveAsync(context.Aws.S3, context.Identities.IdOf("Bucket", spec.Model.Bucket), spec.Model.Key, spec.Model.Version, cancellationToken);
        var live = spec with { Model = spec.Model with { Version = resolved?.Label ?? "" } };
        var outputs = resolved is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["modelVersionId"] = resolved.VersionId, ["modelSha256"] = resolved.Sha256 };
        return Observed(key, live, tags, new Dictionary<string, string> { ["id"] = id }, outputs);
    }
}
