namespace Reconciler.Inference.Configuration;

/// <summary>One accepted API key.</summary>
public sealed record ApiKeyOptions
{
    /// <summary>Who holds the key; used in logs and for the rate limit, never the key itself.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>SHA-256 of the key's UTF-8 bytes, 64 hex digits (e.g. `printf %s KEY | sha256sum`).</summary>
    public string Sha256 { get; init; } = string.Empty;
}
