using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A customer managed IAM policy. A change to the document makes a new default policy version
/// (IAM keeps five; the oldest non-default one goes when five exist).
/// </summary>
/// <remarks>
/// Replaced delete-then-create: the policy name is fixed by the document and unique in the account.
/// </remarks>
[Kind("Policy")]
public sealed record PolicySpec : IResourceSpec
{
    /// <summary>The policy's name, unique in the account. Defaults to <c>{stack}-{document name}</c>. Changing it replaces the policy.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? PolicyName { get; init; }

    /// <summary>The policy's path, e.g. <c>/app/</c>. Changing it replaces the policy.</summary>
    [Immutable]
    public string Path { get; init; } = "/";

    /// <summary>A description; IAM cannot change it later, so changing it replaces the policy. Unmanaged when absent.</summary>
    [Immutable]
    public string? Description { get; init; }

    /// <summary>
    /// What the policy allows or denies: written in the document, or read from
    /// <see cref="DocumentFile"/> when that is given instead.
    /// </summary>
    public PolicyDocumentSpec? Document
    {
        get => _document ?? FromFile();
        init => _document = value;
    }

    /// <summary>
    /// The policy as IAM JSON in a file beside the document (<c>documentFile: controller-policy.json</c>),
    /// for a document another tool writes, such as <c>reconciler iam-policy</c>'s. Once loaded the
    /// field holds the file's content, and <see cref="Document"/> is read from it; the comparison
    /// with AWS is the document's, so this field itself never drifts.
    /// </summary>
    [FileContent]
    public string? DocumentFile { get; init; }

    private readonly PolicyDocumentSpec? _document;

    /// <summary>Exactly one of document and documentFile; the document's statements.</summary>
    public void Validate(SpecRules rules)
    {
        IamNames.Check(rules, "Policy", "policyName", PolicyName, 128);
        PolicyRules.CheckPath(rules, "Policy", "path", Path);
        if (_document is not null && DocumentFile is not null)
        {
            rules.Error("documentFile", "Policy spec sets both document and documentFile; give the policy in one of them");
            return;
        }

        if (_document is null && DocumentFile is null)
        {
            if (!rules.IsSet("documentFile"))
            {
                rules.Error("document", "Policy spec has no document; set document (statements) or documentFile (a JSON policy file beside the document)");
            }

            return;
        }

        if (DocumentFile is not null && FromFile() is null)
        {
            rules.Error("documentFile", "the file named by documentFile in Policy spec is not an IAM policy document (JSON with a Statement list)");
            return;
        }

        PolicyRules.CheckPermissions(rules, DocumentFile is null ? "Policy" : "Policy (from documentFile)", DocumentFile is null ? "document" : "documentFile", Document);
        var size = ManagedPolicySize.Of(Document!);
        if (size > ManagedPolicySize.MaxDocumentCharacters)
        {
            // CreatePolicy and CreatePolicyVersion refuse it: an error now rather than a failed apply.
            var field = DocumentFile is null ? "document" : "documentFile";
            rules.Error(
                field,
                $"Policy spec.{field} is {size} characters without whitespace; IAM refuses a managed policy over {ManagedPolicySize.MaxDocumentCharacters} (CreatePolicy would fail): "
                + "split its statements into several policies and attach each to the role (reconciler iam-policy --out does this for the controller's)");
        }
    }

    /// <summary>The file's content is the document; drift is compared on <see cref="Document"/>.</summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => DocumentFile is null ? [] : ["documentFile"];

    /// <summary>IAM charges nothing for managed policies.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;

    private PolicyDocumentSpec? FromFile()
    {
        if (DocumentFile is null)
        {
            return null;
        }

        try
        {
            return PolicyJson.Read(DocumentFile);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
