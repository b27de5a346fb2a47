using System.Security.Cryptography;
using System.Text;
using Reconciler.Inference.Keys;

namespace Reconciler.Inference.Http;

/// <summary>
/// Checks presented API keys against the accepted SHA-256 hashes: the current set of the <see cref="ApiKeyStore"/>
/// (configuration's keys and the secret's), read once per check so a key set swapped meanwhile is never seen half.
/// The same work is done whether the key is missing, wrong or right: one hash, then a constant-time comparison with
/// every accepted hash, no early exit.
/// </summary>
internal sealed class ApiKeyAuthenticator(ApiKeyStore store)
{
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
        foreach (var key in store.Current.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                match ??= key.Name;
            }
        }

        return presented is null ? null : match;
    }
}
