using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Keys;

/// <summary>An immutable set of accepted keys. A new key set replaces the old one whole, never in place.</summary>
internal sealed class ApiKeySet
{
    private readonly ApiKey[] _keys;

    public ApiKeySet(IEnumerable<ApiKey> keys)
    {
        _keys = keys.ToArray();
    }

    public static ApiKeySet Empty { get; } = new([]);

    /// <summary>The keys in order: configuration first, then the secret's.</summary>
    public ReadOnlySpan<ApiKey> Keys => _keys;

    public int Count => _keys.Length;

    /// <summary>The keys of the "Auth:Keys" section (validated at start-up).</summary>
    public static ApiKeySet FromOptions(IEnumerable<ApiKeyOptions> keys) =>
        new(keys.Select(k => new ApiKey(k.Name, Convert.FromHexString(k.Sha256))));

    /// <summary>This set's keys followed by <paramref name="other"/>'s.</summary>
    public ApiKeySet Union(ApiKeySet other) => new(_keys.Concat(other._keys));

    /// <summary>The names of the keys, for logs.</summary>
    public IEnumerable<string> Names => _keys.Select(k => k.Name);

    /// <summary>The key named <paramref name="name"/>, or null.</summary>
    public ApiKey? Find(string name) => Array.Find(_keys, k => string.Equals(k.Name, name, StringComparison.Ordinal));
}
