using System.Globalization;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Builds the flattened parameters of a query-protocol call: scalars, lists as
/// Name.member.N and maps as Name.entry.N.key/value (or the serialized names a model gives,
/// e.g. Tags.member.N.Key/Value), all numbered from 1.
/// </summary>
public sealed class AwsQueryParameters : List<KeyValuePair<string, string>>
{
    /// <summary>Adds a scalar unless it is null.</summary>
    public AwsQueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    /// <summary>Adds a number unless it is null.</summary>
    public AwsQueryParameters Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean ("true"/"false") unless it is null.</summary>
    public AwsQueryParameters Add(string name, bool? value) =>
        Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds a list as <paramref name="prefix"/>.N (prefix like "Subnets.member" or, for EC2, "SubnetId").</summary>
    public AwsQueryParameters AddList(string prefix, IEnumerable<string>? values)
    {
        var index = 1;
        foreach (var value in values ?? [])
        {
            Add($"{prefix}.{index++}", value);
        }

        return this;
    }

    /// <summary>Adds key/value pairs as <paramref name="prefix"/>.N.<paramref name="keyName"/> and .<paramref name="valueName"/>.</summary>
    public AwsQueryParameters AddPairs(string prefix, IEnumerable<KeyValuePair<string, string>>? pairs, string keyName = "Key", string valueName = "Value")
    {
        var index = 1;
        foreach (var (key, value) in pairs ?? [])
        {
            Add($"{prefix}.{index}.{keyName}", key);
            Add($"{prefix}.{index}.{valueName}", value);
            index++;
        }

        return this;
    }
}
