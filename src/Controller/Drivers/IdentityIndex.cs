using System.Collections.Concurrent;
using Reconciler.Model;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// Maps the stack's documents to their AWS ids and back. Drivers resolve references through it
/// (<c>vpc: main</c> to <c>vpc-0abc</c>) when writing, and report live references as document
/// names (<c>vpc-0abc</c> to <c>main</c>) when observing, so live has the spec's shape.
/// </summary>
internal sealed class IdentityIndex
{
    private readonly ConcurrentDictionary<ResourceKey, string> _ids = new();

    /// <summary>Records the AWS id of a document's resource.</summary>
    public void Set(ResourceKey key, string id) => _ids[key] = id;

    /// <summary>The documents whose ids are known so far.</summary>
    public IReadOnlyCollection<ResourceKey> Keys => [.. _ids.Keys];

    /// <summary>Forgets a resource (after a delete).</summary>
    public void Remove(ResourceKey key) => _ids.TryRemove(key, out _);

    /// <summary>The AWS id of a referenced document, or a clear error when it has none yet.</summary>
    public string IdOf(string kind, string name)
    {
        var key = new ResourceKey(kind, name);
        return _ids.TryGetValue(key, out var id)
            ? id
            : throw new InvalidOperationException($"{key} does not exist in AWS yet; it must be created before the resources that reference it.");
    }

    /// <summary>The AWS id of a document, if known.</summary>
    public string? TryIdOf(ResourceKey key) => _ids.TryGetValue(key, out var id) ? id : null;

    /// <summary>
    /// The document name of a live AWS id of a kind, or the id itself when no document of the
    /// stack owns it (so a reference to an unmanaged resource shows as a difference).
    /// </summary>
    public string NameOf(string kind, string id)
    {
        foreach (var (key, value) in _ids)
        {
            if (key.Kind == kind && value == id)
            {
                return key.Name;
            }
        }

        return id;
    }
}
