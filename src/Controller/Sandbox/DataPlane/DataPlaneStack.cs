using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>What of a stack the sandbox data plane needs: its weighted listener and its model bucket.</summary>
internal static class DataPlaneStack
{
    /// <summary>The document name of the model bucket (desired-state/*/storage.yaml).</summary>
    public const string ModelBucketDocument = "models";

    /// <summary>
    /// The data plane's settings for <paramref name="stack"/>, or null with the reason when it has
    /// nothing to serve: no listener forwarding with <c>weights: rollout</c>, or no Bucket named
    /// <c>models</c>.
    /// </summary>
    public static (DataPlaneOptions? Options, string? Reason) For(DesiredStack stack, double loadPerSecond, System.Net.IPEndPoint proxy)
    {
        var listener = stack.Resources
            .Select(r => r.Spec)
            .OfType<ListenerSpec>()
            .FirstOrDefault(l => l.DefaultAction?.Forward?.Weights == ForwardActionSpec.RolloutWeights);
        if (listener is null)
        {
            return (null, "the stack has no listener forwarding with 'weights: rollout'");
        }

        var bucket = stack.Resources.FirstOrDefault(r => r.Spec is BucketSpec && r.Key.Name == ModelBucketDocument)?.Spec as BucketSpec;
        if (bucket?.BucketName is not { } bucketName)
        {
            return (null, $"the stack has no Bucket named '{ModelBucketDocument}' to hold the models");
        }

        return (new DataPlaneOptions { ModelBucket = bucketName, ListenerPort = listener.Port, LoadPerSecond = loadPerSecond, Proxy = proxy }, null);
    }
}
