namespace Reconciler.Inference.Metrics;

/// <summary>A counter cell updated with Interlocked.</summary>
internal sealed class StrongBox
{
    public long Value;
}
