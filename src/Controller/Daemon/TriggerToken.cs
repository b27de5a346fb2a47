using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// The shared secret that POST /trigger requires (<c>Authorization: Bearer TOKEN</c>). Only its
/// SHA-256 is kept, compared in constant time, and it never prints: <see cref="ToString"/> says
/// only that a token is set, so logging the options cannot leak it.
/// </summary>
internal sealed class TriggerToken
{
    /// <summary>The variable the token is read from when --trigger-token is not given (keeps it out of the process list).</summary>
    public const string Variable = "RECONCILER_TRIGGER_TOKEN";

    /// <summary>Shorter tokens are refused at start-up: they could be guessed.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _hash;

    public TriggerToken(string token)
    {
        Length = token.Length;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The token's length, for validation messages (never the token).</summary>
    public int Length { get; }

    /// <summary>
    /// Whether an Authorization header carries this token. Both sides are hashed first, so the
    /// comparison takes the same time whatever the presented value's length or content.
    /// </summary>
    public bool Allows(string? authorization)
    {
        const string Scheme = "Bearer ";
        var presented = authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : "";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, _hash) && presented.Length > 0;
    }

    public override string ToString() => "(set)";
}
