using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Runtime;

/// <summary>Runs a request directly, or through the dynamic batcher when it is switched on and the model allows merging.</summary>
internal sealed class InferenceExecutor(InferenceRunner runner, DynamicBatcher batcher, IOptions<InferenceOptions> options)
{
    private readonly bool _batching = options.Value.DynamicBatching.Enabled;

    public ValueTask<InferResult> RunAsync(LoadedModel model, InferRequest request, CancellationToken cancellationToken)
    {
        if (_batching && DynamicBatcher.CanMerge(model, request))
        {
            return new ValueTask<InferResult>(batcher.RunAsync(model, request, cancellationToken));
        }

        return new ValueTask<InferResult>(runner.RunAsync(model, request, cancellationToken));
    }
}
