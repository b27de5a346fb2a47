namespace Reconciler.Inference.Configuration;

/// <summary>What a SHA-256 written in hex looks like, wherever one is configured: a model's checksum, a key's hash.</summary>
internal static class Sha256Hex
{
    public static bool IsValid(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);
}
