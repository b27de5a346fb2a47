namespace Reconciler.Model.Kinds;

/// <summary>The YAML/JSON shape of a spec field.</summary>
public enum FieldShape
{
    /// <summary>A string scalar.</summary>
    String,

    /// <summary>An integer scalar.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A sequence; see <see cref="SpecField.Item"/>.</summary>
    List,

    /// <summary>A nested record; see <see cref="SpecField.Fields"/>.</summary>
    Object,

    /// <summary>A mapping of strings to strings.</summary>
    Map,
}
