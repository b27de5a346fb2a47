using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Runtime;

/// <summary>A request waiting in the dynamic batcher's queue, and the promise of its result.</summary>
internal sealed class PendingRequest(InferRequest request, CancellationToken cancellationToken)
{
    public InferRequest Request { get; } = request;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<InferResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether this request can share a run with <paramref name="other"/>: same trailing dimensions and outputs.</summary>
    public bool Fits(PendingRequest other)
    {
        if (!SameOutputs(Request.RequestedOutputs, other.Request.RequestedOutputs))
        {
            return false;
        }

        for (var i = 0; i < Request.Inputs.Count; i++)
        {
            if (!Request.Inputs[i].Shape.AsSpan(1).SequenceEqual(other.Request.Inputs[i].Shape.AsSpan(1)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameOutputs(List<string>? a, List<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
