namespace Reconciler.Model;

/// <summary>Names one resource of a stack: its kind and its document name, e.g. <c>Subnet/public-a</c>.</summary>
public readonly record struct ResourceKey(string Kind, string Name) : IComparable<ResourceKey>
{
    /// <summary>The form used in tags, state and messages: <c>Kind/name</c>.</summary>
    public override string ToString() => $"{Kind}/{Name}";

    /// <summary>Parses the <c>Kind/name</c> form written by <see cref="ToString"/>.</summary>
    public static bool TryParse(string? text, out ResourceKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            return false;
        }

        key = new ResourceKey(text[..slash], text[(slash + 1)..]);
        return true;
    }

    public int CompareTo(ResourceKey other)
    {
        var byKind = string.CompareOrdinal(Kind, other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(Name, other.Name);
    }
}
