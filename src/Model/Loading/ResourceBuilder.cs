using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>Turns a bound, valid document into a <see cref="DesiredResource"/>: typed spec, canonical SpecJson, hash, references.</summary>
internal static class ResourceBuilder
{
    /// <summary>Fills physical names the document left out (<see cref="DefaultNameAttribute"/>), so they are managed and planned.</summary>
    public static void FillDefaultNames(BoundDocument document, string stackName)
    {
        if (document.Name is null)
        {
            return;
        }

        foreach (var field in document.Kind.Fields.Where(f => f.DefaultName is not null && document.Spec[f.Name] is null))
        {
            document.Spec[field.Name] = field.DefaultName!.Format(stackName, document.Name);
        }
    }

    public static DesiredResource Build(BoundDocument document, StackSpec stack, IReadOnlyList<BoundDocument> documents)
    {
        var key = document.Key!.Value;
        var spec = SpecJson.Read(document.Spec, document.Kind.SpecType);
        var specJson = SpecJson.Of(spec);
        var tags = ResourceTags.Effective(stack, key, document.Metadata!);
        var hashed = new JsonObject
        {
            ["spec"] = specJson.DeepClone(),
            ["tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))),
        };

        return new DesiredResource
        {
            Key = key,
            Spec = spec,
            SpecJson = specJson,
            Metadata = WithFieldsOwnedElsewhere(document.Metadata!, spec),
            Location = document.Location,
            DependsOn = [.. Targets(document, soft: false, key).Concat(AttachmentOrder.Of(document, documents)).Distinct()],
            SoftReferences = Targets(document, soft: true, key),
            Hash = CanonicalJson.Hash(hashed),
        };
    }

    /// <summary>The document's ignoreFields plus the fields its spec leaves to someone else (<see cref="IResourceSpec.FieldsOwnedElsewhere"/>).</summary>
    private static ResourceMetadata WithFieldsOwnedElsewhere(ResourceMetadata metadata, IResourceSpec spec)
    {
        var owned = spec.FieldsOwnedElsewhere().Where(f => !metadata.IgnoreFields.Contains(f)).ToList();
        return owned.Count == 0 ? metadata : metadata with { IgnoreFields = [.. metadata.IgnoreFields, .. owned] };
    }

    /// <summary>
    /// Adds to each resource the fields other documents own in it (<see cref="IResourceSpec.FieldsOwnedInOtherDocuments"/>),
    /// as ignored fields: one mechanism for every field the planner never diffs.
    /// </summary>
    public static List<DesiredResource> WithFieldsOwnedByOthers(List<DesiredResource> resources)
    {
        var byKey = resources.ToDictionary(r => r.Key);
        var owned = resources
            .SelectMany(r => r.Spec.FieldsOwnedInOtherDocuments(key => byKey.GetValueOrDefault(key)?.Spec))
            .Where(o => byKey.ContainsKey(o.Document))
            .ToLookup(o => o.Document, o => o.Field);
        return [.. resources.Select(r =>
        {
            var fields = owned[r.Key].Where(f => !r.Metadata.IgnoreFields.Contains(f)).Distinct().ToList();
            return fields.Count == 0 ? r : r with { Metadata = r.Metadata with { IgnoreFields = [.. r.Metadata.IgnoreFields, .. fields] } };
        })];
    }

    private static List<ResourceKey> Targets(BoundDocument document, bool soft, ResourceKey self) =>
        [.. document.References.Where(r => r.Soft == soft && r.Target != self).Select(r => r.Target).Distinct()];
}
