using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>A key attribute of a DynamoDB table: its name and scalar type.</summary>
public sealed record KeyAttributeSpec
{
    /// <summary>The attribute's name.</summary>
    public required string Name { get; init; }

    /// <summary>S (string), N (number) or B (binary).</summary>
    /// <remarks>Null only in live state, should AWS not define the key's attribute.</remarks>
    [AllowedValues("S", "N", "B")]
    public string? Type { get; init; } = "S";
}
