using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An API Gateway API key, given to a caller and put in usage plans. Its value is never in a
/// document: AWS generates it (the default), or it is read from Secrets Manager at apply time
/// (<c>valueFrom: {secret: name-or-ARN}</c>). A document that writes a <c>value</c> is refused
/// at load, naming the field and pointing to <c>valueFrom</c>.
/// </summary>
/// <remarks>
/// API Gateway cannot change a key's value, so a changed <c>valueFrom</c> replaces the key; the
/// secret is read when the key is created, so rotating the secret's content takes a replacement
/// too (change the secret's name or ARN in the document). Replaced delete-then-create: the name
/// need not be unique, but callers holding the old value lose access at the switch either way,
/// and a usage plan holds a key's value once.
/// </remarks>
[Kind("ApiKey")]
public sealed record ApiKeySpec : IResourceSpec
{
    /// <summary>The key's name. Defaults to <c>{stack}-{document name}</c>.</summary>
    [DefaultName("{stack}-{name}")]
    public string? KeyName { get; init; }

    /// <summary>Whether requests with the key are accepted.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Who the key is for; unmanaged when absent.</summary>
    public string? Description { get; init; }

    /// <summary>The Secrets Manager secret the value is read from; absent (the default), AWS generates the value.</summary>
    [Immutable]
    public ApiKeyValueFromSpec? ValueFrom { get; init; }

    /// <summary>AWS charges nothing for API keys (requests are priced on the RestApi).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
