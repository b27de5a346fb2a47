namespace Reconciler.Model.Kinds;

/// <summary>A field that takes one of a fixed set of values (compared exactly).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AllowedValuesAttribute(params object[] values) : Attribute
{
    /// <summary>The values the field accepts.</summary>
    public IReadOnlyList<object> Values { get; } = values;
}
