using System.Collections;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Flattens a generated request record into query-protocol parameters: members by their
/// serialized names joined with '.', lists as Name.member.N (or the model's element name, or
/// flattened as Name.N), maps as Name.entry.N.key/value, empty lists as "Name=", timestamps
/// ISO 8601, numbering from 1.
/// </summary>
internal static class AwsQuerySerializer
{
    public static AwsQueryParameters Serialize(object? request)
    {
        var parameters = new AwsQueryParameters();
        if (request is not null)
        {
            WriteStructure(parameters, string.Empty, request);
        }

        return parameters;
    }

    private static void WriteStructure(AwsQueryParameters parameters, string prefix, object value)
    {
        foreach (var member in AwsShapes.Members(value.GetType()))
        {
            if (member.Property.GetValue(value) is { } memberValue)
            {
                var name = prefix.Length == 0 ? member.WireName : prefix + "." + member.WireName;
                Write(parameters, name, memberValue, member.Form);
            }
        }
    }

    private static void Write(AwsQueryParameters parameters, string prefix, object value, AwsMemberAttribute? form)
    {
        var type = value.GetType();
        if (value is not (string or byte[]) && AwsShapes.MapValue(type) is not null)
        {
            WriteMap(parameters, prefix, (IDictionary)value, form);
        }
        else if (value is not (string or byte[]) && value is IEnumerable list)
        {
            WriteList(parameters, prefix, list, form);
        }
        else if (AwsShapes.IsStructure(type))
        {
            WriteStructure(parameters, prefix, value);
        }
        else
        {
            parameters.Add(prefix, AwsScalars.Format(value, form?.Timestamp ?? AwsTimestampFormat.Default, AwsTimestampFormat.Iso8601));
        }
    }

    private static void WriteList(AwsQueryParameters parameters, string prefix, IEnumerable list, AwsMemberAttribute? form)
    {
        var items = list.Cast<object?>().ToList();
        if (items.Count == 0)
        {
            // An empty list is sent as an empty value, so "clear this list" reaches AWS.
            parameters.Add(prefix, string.Empty);
            return;
        }

        string itemPrefix;
        if (form?.Flattened == true)
        {
            // A flattened list with its own element name replaces the member's last name segment.
            itemPrefix = form.Member is { } element
                ? (prefix.LastIndexOf('.') is var dot and >= 0 ? prefix[..(dot + 1)] : string.Empty) + element
                : prefix;
        }
        else
        {
            itemPrefix = prefix + "." + (form?.Member ?? "member");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                Write(parameters, $"{itemPrefix}.{i + 1}", item, null);
            }
        }
    }

    private static void WriteMap(AwsQueryParameters parameters, string prefix, IDictionary map, AwsMemberAttribute? form)
    {
        var entryPrefix = form?.Flattened == true ? prefix : prefix + ".entry";
        var keyName = form?.Key ?? "key";
        var valueName = form?.Value ?? "value";
        var index = 1;
        foreach (DictionaryEntry entry in map)
        {
            parameters.Add($"{entryPrefix}.{index}.{keyName}", (string)entry.Key);
            if (entry.Value is { } entryValue)
            {
                Write(parameters, $"{entryPrefix}.{index}.{valueName}", entryValue, null);
            }

            index++;
        }
    }
}
