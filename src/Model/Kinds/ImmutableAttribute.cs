namespace Reconciler.Model.Kinds;

/// <summary>A field AWS cannot change in place: a change to it means replacing the resource.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
