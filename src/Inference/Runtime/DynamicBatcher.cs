using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Runtime;

/// <summary>
/// Server-side dynamic batching: concurrent small requests to the same model version are merged into one run.
/// Only for graphs whose inputs have a free batch dimension; the merge copies inputs once, the split copies nothing.
/// </summary>
internal sealed class DynamicBatcher(InferenceRunner runner, IOptions<InferenceOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<LoadedModel, Lazy<BatchQueue>> _queues = new();
    private readonly DynamicBatchingOptions _options = options.Value.DynamicBatching;

    /// <summary>Whether <paramref name="request"/> may be merged with others for <paramref name="model"/>.</summary>
    public static bool CanMerge(LoadedModel model, InferRequest request) =>
        !model.Signature.OneItemPerRun
        && model.Signature.Inputs.All(i => i.Shape.Length > 0 && i.Shape[0] < 0)
        && request.Inputs.All(i => i.Shape.Length > 0 && i.Shape[0] == request.Items);

    public Task<InferResult> RunAsync(LoadedModel model, InferRequest request, CancellationToken cancellationToken)
    {
        if (request.Items >= _options.MaxBatchItems)
        {
            return runner.RunAsync(model, request, cancellationToken);
        }

        var queue = _queues.GetOrAdd(model, m => new Lazy<BatchQueue>(() => new BatchQueue(m, runner, _options))).Value;
        return queue.EnqueueAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var queue in _queues.Values)
        {
            if (queue.IsValueCreated)
            {
                queue.Value.Dispose();
            }
        }
    }
}
