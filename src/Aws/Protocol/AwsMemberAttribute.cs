namespace Reconciler.Aws.Protocol;

/// <summary>
/// The wire form of one member of a generated shape, where it differs from the protocol's
/// defaults: its serialized name (the model's <c>locationName</c>), its location, and for lists
/// and maps the element names and flattening the query protocol and XML answers use.
/// JSON body names are given by <c>[JsonPropertyName]</c> instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsMemberAttribute : Attribute
{
    /// <param name="name">The serialized name: query key, XML element, URI label, header or query-string name.</param>
    public AwsMemberAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The serialized name.</summary>
    public string Name { get; }

    /// <summary>Where the member travels; the body unless set.</summary>
    public AwsLocation Location { get; set; }

    /// <summary>A list or map written without its wrapper element (the model's <c>flattened</c>).</summary>
    public bool Flattened { get; set; }

    /// <summary>A list's element name; "member" unless set.</summary>
    public string? Member { get; set; }

    /// <summary>A map's key name; "key" unless set.</summary>
    public string? Key { get; set; }

    /// <summary>A map's value name; "value" unless set.</summary>
    public string? Value { get; set; }

    /// <summary>A timestamp's format where the model overrides the protocol's.</summary>
    public AwsTimestampFormat Timestamp { get; set; }
}
