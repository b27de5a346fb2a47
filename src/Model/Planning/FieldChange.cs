using System.Text.Json.Nodes;

namespace Reconciler.Model.Planning;

/// <summary>One managed field whose live value differs from the desired one.</summary>
public sealed record FieldChange
{
    /// <summary>The dotted path of the field in the spec, e.g. <c>ingress</c> or <c>partitionKey.name</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The live value; null when absent.</summary>
    public JsonNode? Before { get; init; }

    /// <summary>The desired value; null when the field is removed.</summary>
    public JsonNode? After { get; init; }

    /// <summary>Whether the field is immutable, so the change forces a replacement.</summary>
    public bool ForcesReplacement { get; init; }
}
