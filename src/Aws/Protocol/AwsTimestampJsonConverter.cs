using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// A timestamp in a JSON body: read from any AWS form (epoch seconds as a number or string,
/// ISO 8601, RFC 1123), written in the format of the subclass. The JSON protocols default to
/// epoch seconds; a member whose model names another format carries that subclass.
/// </summary>
public abstract class AwsTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    private readonly AwsTimestampFormat _format;

    private protected AwsTimestampJsonConverter(AwsTimestampFormat format)
    {
        _format = format;
    }

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(reader.GetDecimal() * 1000m)),
            JsonTokenType.String => AwsScalars.ParseTimestamp(reader.GetString()!),
            _ => throw new JsonException($"A timestamp must be a number or a string, not {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (_format == AwsTimestampFormat.UnixTimestamp)
        {
            writer.WriteNumberValue(decimal.Parse(AwsScalars.FormatTimestamp(value, _format), CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(AwsScalars.FormatTimestamp(value, _format));
        }
    }
}
