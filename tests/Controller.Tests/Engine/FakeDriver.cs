using Reconciler.Controller.Drivers;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>
/// A driver of one kind over the <see cref="FakeCloud"/>, keeping the driver contract: observe
/// reads only, create adopts by key (never the excluded id), references must resolve when written,
/// delete of a missing resource succeeds.
/// </summary>
internal sealed class FakeDriver(string kind, FakeCloud cloud) : IResourceDriver
{
    public string Kind => kind;

    // Converges an in-memory cloud: it calls no AWS.
    public IReadOnlyList<AwsOperation> Operations => [];

    public IReadOnlyList<AwsOperation> ControllerSideOperations => [];

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        cloud.Note($"observe {kind}");
        cloud.ThrowIfFailing("observe", kind);
        var live = cloud.OfKind(kind);
        var result = new List<ObservedResource>();
        foreach (var key in request.Keys.Concat(live.Select(r => r.Key)).Distinct())
        {
            var recordedId = request.RecordOf(key)?.Identity.GetValueOrDefault("id");
            var found = live.Where(r => r.Key == key).OrderBy(r => r.Id == recordedId ? 0 : 1).FirstOrDefault();
            if (found is null)
            {
                result.Add(ObservedResource.Missing(key));
                continue;
            }

            context.Identities.Set(key, found.Id);
            result.Add(Observation(found));
        }

        return Task.FromResult<IReadOnlyList<ObservedResource>>(result);
    }

    public Task<ObservedResource> CreateAsync(DesiredResource desired, DriverContext context, CancellationToken cancellationToken) =>
        CreateExceptAsync(desired, null, context);

    public Task<ObservedResource> CreateBesideAsync(DesiredResource desired, IReadOnlyDictionary<string, string> replaced, DriverContext context, CancellationToken cancellationToken) =>
        CreateExceptAsync(desired, replaced.GetValueOrDefault("id"), context);

    public async Task<ObservedResource> UpdateAsync(DesiredResource desired, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var id = observed.Identity["id"];
        var updated = await cloud.WriteAsync($"update {desired.Key} {id}", () =>
        {
            cloud.ThrowIfFailing("update", desired.Key.ToString());
            var current = cloud.Resources.Single(r => r.Id == id);
            var tags = new Dictionary<string, string>(current.Tags);
            foreach (var (k, v) in ResourceTags.Effective(context.Stack, desired))
            {
                tags[k] = v;
            }

            foreach (var removed in Planner.RemovedTags(fields))
            {
                tags.Remove(removed);
            }

            var next = current with { Spec = desired.Spec, Tags = tags };
            cloud.Replace(next);
            return next;
        });
        return Observation(updated);
    }

    public Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        cloud.WriteAsync($"delete {key} {identity["id"]}", () =>
        {
            cloud.ThrowIfFailing("delete", key.ToString());
            cloud.Remove(identity["id"]);
            return true;
        });

    private async Task<ObservedResource> CreateExceptAsync(DesiredResource desired, string? excludedId, DriverContext context)
    {
        var created = await cloud.WriteAsync($"create {desired.Key}", () =>
        {
            cloud.ThrowIfFailing("create", desired.Key.ToString());

            // What it references must exist already: the executor orders creates after their dependencies.
            foreach (var dependency in desired.DependsOn)
            {
                _ = context.Identities.IdOf(dependency.Kind, dependency.Name);
            }

            return cloud.Of(desired.Key).FirstOrDefault(r => r.Id != excludedId)
                ?? cloud.Add(desired.Key, cloud.AsCreated(desired.Key, desired.Spec), ResourceTags.Effective(context.Stack, desired));
        });
        context.Identities.Set(desired.Key, created.Id);
        return Observation(created);
    }

    private static ObservedResource Observation(FakeResource resource) => new()
    {
        Key = resource.Key,
        Exists = true,
        Live = resource.Spec,
        Tags = resource.Tags,
        Identity = new Dictionary<string, string> { ["id"] = resource.Id },
        Outputs = new Dictionary<string, string> { ["id"] = resource.Id },
    };
}
