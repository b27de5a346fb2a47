namespace Reconciler.Model.Specs;

/// <summary>Where an API key's value is kept, when AWS is not to generate it: never the value itself.</summary>
public sealed record ApiKeyValueFromSpec
{
    /// <summary>
    /// The Secrets Manager secret (name or ARN) holding the value, as plain text or as JSON with
    /// an <c>apiKey</c> key. Read at apply time, only to create the key; never logged, planned or recorded.
    /// </summary>
    public required string Secret { get; init; }
}
