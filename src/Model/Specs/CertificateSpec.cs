using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A TLS certificate in ACM for HTTPS listeners: either requested for a domain with DNS
/// validation (its validation records are outputs, to be written into the domain's zone), or an
/// existing certificate adopted as-is by its ARN (read only: never tagged, changed or deleted).
/// </summary>
/// <remarks>
/// Replaced create-before-destroy. ACM lets any number of certificates cover the same names, so
/// a requested certificate for changed names is requested beside the old one, the listeners move
/// to it, and only then is the old one deleted (ACM refuses to delete a certificate in use). An
/// adopted certificate is never deleted: replacing the ARN just adopts the other one.
/// </remarks>
[Kind("Certificate", CreateBeforeDestroy = true)]
public sealed record CertificateSpec : IResourceSpec
{
    /// <summary>The domain to request a certificate for, e.g. api.example.com or *.example.com. Changing it requests a new certificate.</summary>
    [Immutable]
    public string? DomainName { get; init; }

    /// <summary>More names the requested certificate covers (besides domainName). Changing them requests a new certificate.</summary>
    [Immutable]
    public IReadOnlyList<string>? SubjectAlternativeNames { get; init; }

    /// <summary>The ARN of an existing ACM certificate to use as-is, instead of requesting one.</summary>
    [Immutable]
    public string? Arn { get; init; }

    /// <summary>Either domainName (with subjectAlternativeNames) or arn.</summary>
    public void Validate(SpecRules rules)
    {
        var requested = rules.IsSet("domainName");
        var adopted = rules.IsSet("arn");
        if (requested == adopted)
        {
            rules.Error(requested ? "arn" : "domainName", requested
                ? "Certificate spec sets both domainName and arn; set domainName to request a certificate, or arn to use an existing one"
                : "Certificate spec sets neither domainName nor arn; set domainName to request a certificate, or arn to use an existing one");
        }

        if (adopted && rules.IsSet("subjectAlternativeNames"))
        {
            rules.Error("subjectAlternativeNames", "subjectAlternativeNames in Certificate spec applies to a requested certificate; an adopted one (arn) is used as it is, so remove subjectAlternativeNames");
        }

        if (Arn is { } arn && rules.HasValue("arn") && (arn.Split(':') is not [_, _, "acm", _, _, var resource] || !resource.StartsWith("certificate/", StringComparison.Ordinal)))
        {
            rules.Error("arn", $"arn '{arn}' in Certificate spec is not an ACM certificate ARN; write arn:aws:acm:<region>:<account>:certificate/<id>");
        }

        if (DomainName is { } domain && rules.HasValue("domainName") && (domain.Length is 0 or > 253 || domain.Contains(' ', StringComparison.Ordinal) || !domain.Contains('.', StringComparison.Ordinal)))
        {
            rules.Error("domainName", $"domainName '{domain}' in Certificate spec is not a fully qualified domain name; write e.g. api.example.com");
        }
    }

    /// <summary>An adopted certificate is someone else's: its tags are not the controller's to set.</summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => Arn is not null ? ["tags"] : [];

    /// <summary>Public ACM certificates are free (private CA certificates are not requested by this kind).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
