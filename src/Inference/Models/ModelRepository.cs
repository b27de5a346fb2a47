using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Models;

/// <summary>The configured model versions, found by name and version.</summary>
internal sealed class ModelRepository : IDisposable
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelRepository(IOptions<InferenceOptions> options)
    {
        Entries = options.Value.Models.Select(m => new ModelEntry(m)).ToArray();
    }

    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>The first configured model: its name and version go on responses that are not about a particular model.</summary>
    public ModelEntry? Primary => Entries.Count > 0 ? Entries[0] : null;

    /// <summary>True once every configured version passed its warm-up.</summary>
    public bool AllReady => Entries.All(e => e.Status == ModelStatus.Ready);

    /// <summary>Completes when every model is either ready or failed.</summary>
    public Task Settled => _settled.Task;

    /// <summary>The entry for a name and version; without a version, the first one configured for the name.</summary>
    public ModelEntry? Find(string name, string? version)
    {
        foreach (var entry in Entries)
        {
            if (entry.Name == name && (version is null || entry.Version == version))
            {
                return entry;
            }
        }

        return null;
    }

    public IEnumerable<string> VersionsOf(string name) => Entries.Where(e => e.Name == name).Select(e => e.Version);

    public void MarkSettled() => _settled.TrySetResult();

    public void Dispose()
    {
        foreach (var entry in Entries)
        {
            entry.Model?.Dispose();
        }
    }
}
