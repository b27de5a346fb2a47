namespace Reconciler.Model.Kinds;

/// <summary>An integer field bounded on both sides, inclusive.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RangeAttribute(long minimum, long maximum) : Attribute
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;
}
