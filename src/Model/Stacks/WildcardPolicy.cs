namespace Reconciler.Model.Stacks;

/// <summary>What validation does with <c>*</c> in an IAM policy's actions or resources.</summary>
public enum WildcardPolicy
{
    /// <summary>Report a warning; the documents still apply.</summary>
    Warn,

    /// <summary>Report an error; nothing is applied until the wildcard is narrowed.</summary>
    Refuse,
}
