namespace Reconciler.Inference.Keys;

/// <summary>One accepted key as held in memory: its holder's name and the SHA-256 of the key, never the key.</summary>
internal sealed class ApiKey(string name, byte[] sha256)
{
    /// <summary>Who holds the key; logged and used for the rate limit.</summary>
    public string Name { get; } = name;

    /// <summary>The 32 bytes of the key's SHA-256. Never logged.</summary>
    public byte[] Sha256 { get; } = sha256;

    /// <summary>The name only: a hash has no place in a log either.</summary>
    public override string ToString() => Name;
}
