using System.Reflection;

namespace Reconciler.Aws.Protocol;

/// <summary>One property of a generated shape with its wire name and form, as the protocols read it.</summary>
/// <param name="Property">The record's property.</param>
/// <param name="WireName">The serialized name (<see cref="AwsMemberAttribute.Name"/>, else the JSON name, else the property's).</param>
/// <param name="Form">The attribute's details, when the generator wrote one.</param>
internal sealed record AwsShapeMember(PropertyInfo Property, string WireName, AwsMemberAttribute? Form)
{
    public AwsLocation Location => Form?.Location ?? AwsLocation.Body;

    public AwsTimestampFormat Timestamp => Form?.Timestamp ?? AwsTimestampFormat.Default;

    public Type Type => Property.PropertyType;
}
