using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// The System.Text.Json settings of the JSON and rest-json protocols: names from
/// [JsonPropertyName] exactly as the model spells them, nulls left out, timestamps as epoch
/// seconds, blobs as base64 (the serializer's own byte[] form), documents as JsonElement.
/// </summary>
internal static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
        Converters = { new AwsUnixTimestampJsonConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NothingRequired } },
    };

    // Required members are required of callers (the C# compiler checks them); an answer that
    // leaves one out (an emulator's, say) is still read rather than refused.
    private static void NothingRequired(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            property.IsRequired = false;
        }
    }
}
