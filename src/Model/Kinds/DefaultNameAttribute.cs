namespace Reconciler.Model.Kinds;

/// <summary>
/// A physical-name field the loader fills in when the document leaves it out, so the name is
/// managed and visible in plans. The pattern may use <c>{stack}</c> and <c>{name}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultNameAttribute(string pattern) : Attribute
{
    /// <summary>The pattern, e.g. <c>{stack}-{name}</c>.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>The name for a document of a stack.</summary>
    public string Format(string stack, string name) =>
        Pattern.Replace("{stack}", stack, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal);
}
