namespace Reconciler.Model.Kinds;

/// <summary>A string field (or list of strings) holding IPv4 CIDR blocks such as <c>10.0.0.0/16</c>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CidrAttribute : Attribute;
