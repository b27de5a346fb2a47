namespace Reconciler.Model.Specs;

/// <summary>
/// One condition of a statement: IAM's <c>"Condition": { test: { variable: values } }</c> as a
/// flat record, so a statement's conditions are a plain list.
/// </summary>
public sealed record PolicyConditionSpec
{
    /// <summary>The condition operator, e.g. StringEquals, ArnLike, Bool.</summary>
    public required string Test { get; init; }

    /// <summary>The context key, e.g. cloudwatch:namespace or aws:SecureTransport.</summary>
    public required string Variable { get; init; }

    /// <summary>The values; the condition holds when the key matches any of them. Compared as a set.</summary>
    public required IReadOnlyList<string> Values { get; init; }
}
