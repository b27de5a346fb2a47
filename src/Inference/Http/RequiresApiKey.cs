namespace Reconciler.Inference.Http;

/// <summary>Endpoint metadata: the route needs a valid API key.</summary>
internal sealed class RequiresApiKey
{
    public static RequiresApiKey Instance { get; } = new();
}
