using Reconciler.Model.Specs;

namespace Reconciler.Model.Iam;

/// <summary>
/// IAM's limits on customer managed policies, and the size IAM measures against them: the
/// document's JSON without whitespace (IAM does not count whitespace), so the indentation of a
/// committed file costs nothing. One measure for the Policy kind's validation and for the
/// controller's policy split, so what one accepts the other does.
/// </summary>
public static class ManagedPolicySize
{
    /// <summary>The most characters (whitespace excluded) IAM accepts in one managed policy document.</summary>
    public const int MaxDocumentCharacters = 6144;

    /// <summary>The managed policies one role may have attached under IAM's default quota.</summary>
    public const int MaxAttachedPerRole = 10;

    /// <summary>The characters IAM counts in <paramref name="document"/>: its canonical JSON without whitespace.</summary>
    public static int Of(PolicyDocumentSpec document) => Of(PolicyJson.Write(document));

    /// <summary>The characters IAM counts in a policy's JSON text: every character that is not whitespace.</summary>
    public static int Of(string json) => json.Count(c => !char.IsWhiteSpace(c));
}
