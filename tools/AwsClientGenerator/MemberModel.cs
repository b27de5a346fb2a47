using System.Text.Json.Nodes;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>One member of a structure as the generator writes it.</summary>
/// <param name="Name">The model's member name.</param>
/// <param name="Property">The C# property name.</param>
/// <param name="Model">The member's model (shape, location, locationName, timestampFormat, ...).</param>
/// <param name="Required">Whether callers must set it (required in a structure a request carries).</param>
/// <param name="IsPayload">Whether it is its structure's payload (the whole HTTP body).</param>
internal sealed record MemberModel(string Name, string Property, JsonObject Model, bool Required, bool IsPayload)
{
    public string Shape => (string)Model["shape"]!;

    public string? Location => (string?)Model["location"];

    public string? LocationName => (string?)Model["locationName"];

    /// <summary>The serialized name: the model's locationName, else the member's name.</summary>
    public string WireName => LocationName ?? Name;

    public bool IdempotencyToken => Model["idempotencyToken"]?.GetValue<bool>() == true;
}
