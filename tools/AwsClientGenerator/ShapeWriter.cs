using System.Text;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>
/// Writes a service's structures as sealed records with init properties: required members of
/// request structures are `required`, everything else nullable; attributes only where the wire
/// form differs from the protocol's default (JSON names, query element names, rest-json locations).
/// </summary>
internal static class ShapeWriter
{
    public static string Write(ServiceModel service)
    {
        var code = new StringBuilder(ClientGenerator.Header($"botocore's {service.ModelFile}"));
        code.Append("using System.Text.Json;\nusing System.Text.Json.Serialization;\nusing Reconciler.Aws.Protocol;\n\n");
        code.Append($"namespace {service.Namespace};\n");
        foreach (var structure in service.Structures)
        {
            code.Append('\n');
            WriteRecord(code, service, structure);
        }

        return code.ToString();
    }

    private static void WriteRecord(StringBuilder code, ServiceModel service, string structure)
    {
        var shape = service.Shape(structure);
        if (Naming.Summary((string?)shape["documentation"]) is { } summary)
        {
            code.Append($"/// <summary>{summary}</summary>\n");
        }

        var members = service.Members(structure);
        if (members.Count == 0)
        {
            code.Append($"public sealed record {service.TypeName(structure)};\n");
            return;
        }

        code.Append($"public sealed record {service.TypeName(structure)}\n{{\n");
        foreach (var member in members)
        {
            foreach (var attribute in Attributes(service, member))
            {
                code.Append($"    [{attribute}]\n");
            }

            var type = service.ClrType(member.Shape);
            code.Append(member.Required
                ? $"    public required {type} {member.Property} {{ get; init; }}\n"
                : $"    public {type}? {member.Property} {{ get; init; }}\n");
        }

        if (members.Any(m => IsSensitive(service, m)))
        {
            WritePrintMembers(code, service, members);
        }

        code.Append("}\n");
    }

    // A record's ToString prints every member; a secret (the model's "sensitive" shapes) must not reach a log that way.
    private static void WritePrintMembers(StringBuilder code, ServiceModel service, IReadOnlyList<MemberModel> members)
    {
        code.Append("\n    private bool PrintMembers(System.Text.StringBuilder builder)\n    {\n");
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var value = IsSensitive(service, member) ? $"{member.Property} is null ? \"null\" : \"(hidden)\"" : member.Property;
            code.Append($"        builder.Append(\"{(i == 0 ? string.Empty : ", ")}{member.Property} = \").Append({value});\n");
        }

        code.Append("        return true;\n    }\n");
    }

    private static bool IsSensitive(ServiceModel service, MemberModel member) =>
        member.Model["sensitive"]?.GetValue<bool>() == true || service.Shape(member.Shape)["sensitive"]?.GetValue<bool>() == true;

    private static IEnumerable<string> Attributes(ServiceModel service, MemberModel member) => service.Protocol switch
    {
        "query" => QueryAttributes(service, member),
        "rest-json" when member.Location is not null || member.IsPayload => RestAttributes(service, member),
        _ => JsonAttributes(service, member),
    };

    private static IEnumerable<string> JsonAttributes(ServiceModel service, MemberModel member)
    {
        if (member.WireName != member.Property)
        {
            yield return $"JsonPropertyName({Naming.Literal(member.WireName)})";
        }

        if (TimestampFormat(service, member) is { } format and not "UnixTimestamp")
        {
            yield return $"JsonConverter(typeof(Aws{format}JsonConverter))";
        }
    }

    private static IEnumerable<string> RestAttributes(ServiceModel service, MemberModel member)
    {
        var location = member.IsPayload ? "Payload" : member.Location switch
        {
            "uri" => "Uri",
            "querystring" => "QueryString",
            "header" => "Header",
            "headers" => "Headers",
            "statusCode" => "StatusCode",
            var other => throw new GeneratorException($"{service.Name}: member {member.Name} has location '{other}', which the rest-json protocol does not bind."),
        };
        var details = new List<string> { $"Location = AwsLocation.{location}" };
        if (TimestampFormat(service, member) is { } format)
        {
            details.Add($"Timestamp = AwsTimestampFormat.{format}");
        }

        yield return "JsonIgnore";
        yield return $"AwsMember({Naming.Literal(member.WireName)}, {string.Join(", ", details)})";
    }

    private static IEnumerable<string> QueryAttributes(ServiceModel service, MemberModel member)
    {
        var target = service.Shape(member.Shape);
        var details = new List<string>();
        if (member.Model["flattened"]?.GetValue<bool>() == true || target["flattened"]?.GetValue<bool>() == true)
        {
            details.Add("Flattened = true");
        }

        if ((string?)target["member"]?["locationName"] is { } element)
        {
            details.Add($"Member = {Naming.Literal(element)}");
        }

        if ((string?)target["key"]?["locationName"] is { } key)
        {
            details.Add($"Key = {Naming.Literal(key)}");
        }

        if ((string?)target["value"]?["locationName"] is { } value)
        {
            details.Add($"Value = {Naming.Literal(value)}");
        }

        if (TimestampFormat(service, member) is { } format)
        {
            details.Add($"Timestamp = AwsTimestampFormat.{format}");
        }

        if (details.Count > 0 || member.WireName != member.Property)
        {
            yield return $"AwsMember({string.Join(", ", details.Prepend(Naming.Literal(member.WireName)))})";
        }
    }

    // The member's timestampFormat, else its shape's; null when neither names one.
    private static string? TimestampFormat(ServiceModel service, MemberModel member)
    {
        var format = (string?)member.Model["timestampFormat"] ?? (string?)service.Shape(member.Shape)["timestampFormat"];
        return format switch
        {
            null => null,
            "iso8601" => "Iso8601",
            "unixTimestamp" => "UnixTimestamp",
            "rfc822" => "Rfc822",
            _ => throw new GeneratorException($"{service.Name}: member {member.Name} has timestampFormat '{format}', which is not one of iso8601, unixTimestamp, rfc822."),
        };
    }
}
