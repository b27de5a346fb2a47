using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>
/// The edges a document never writes but AWS imposes: a reference marked
/// <see cref="Kinds.ReferenceAttribute.AfterAttachedBy"/> also orders its document after every
/// document of those kinds that references the same target (a Service after the listener rule
/// forwarding to its target group). Only documents in the desired state count: a switched-off
/// rule attaches nothing.
/// </summary>
internal static class AttachmentOrder
{
    /// <summary>The implied hard dependencies of <paramref name="document"/> among <paramref name="documents"/>.</summary>
    public static IReadOnlyList<ResourceKey> Of(BoundDocument document, IReadOnlyList<BoundDocument> documents)
    {
        var sites = document.References.Where(r => r.AfterAttachedBy.Count > 0).ToList();
        if (sites.Count == 0)
        {
            return [];
        }

        return
        [
            .. sites.SelectMany(site => documents
                    .Where(other => other.Key is { } key && key != document.Key && other.Enabled && site.AfterAttachedBy.Contains(key.Kind))
                    .Where(other => other.References.Any(r => !r.Soft && r.Target == site.Target))
                    .Select(other => other.Key!.Value))
                .Distinct(),
        ];
    }
}
