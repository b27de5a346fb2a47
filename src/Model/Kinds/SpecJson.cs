using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The one canonical JSON form of a spec record, desired or live: camelCase names (as
/// <see cref="SpecField.Name"/>), null members dropped. The planner compares and plans show specs
/// in this form, so typed live records and desired documents meet on equal terms.
/// </summary>
public static class SpecJson
{
    /// <summary>camelCase, nulls dropped.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// As <see cref="Options"/>, but <c>required</c> members may be missing: reads a partial
    /// document (one with errors) so its kind's rules can still report what else is wrong.
    /// </summary>
    internal static JsonSerializerOptions Partial { get; } = new(Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NothingRequired } },
    };

    /// <summary>A spec record in canonical JSON.</summary>
    public static JsonObject Of(IResourceSpec spec) =>
        JsonSerializer.SerializeToNode(spec, spec.GetType(), Options)!.AsObject();

    /// <summary>Canonical JSON read back as a kind's record.</summary>
    public static IResourceSpec Read(JsonObject json, Type specType) =>
        (IResourceSpec)json.Deserialize(specType, Options)!;

    private static void NothingRequired(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            property.IsRequired = false;
        }
    }
}
