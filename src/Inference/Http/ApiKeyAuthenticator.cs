using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Http;

/// <summary>
/// Checks presented API keys against the configured SHA-256 hashes. The same work is done whether the key is
/// missing, wrong or right: one hash, then a constant-time comparison with every configured hash, no early exit.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    private readonly (string Name, byte[] Hash)[] _keys;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        _keys = options.Value.Keys.Select(k => (k.Name, Convert.FromHexString(k.Sha256))).ToArray();
    }

    /// <summary>The name of the key that matches, or null. <paramref name="presented"/> may be null (no key sent).</summary>
    public string? Authenticate(string? presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var text = presented ?? string.Empty;
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = length <= 512 ? stackalloc byte[512] : new byte[length];
        var written = Encoding.UTF8.GetBytes(text, bytes);
        SHA256.HashData(bytes[..written], hash);

        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match ??= name;
            }
        }

        return presented is null ? null : match;
    }
}
