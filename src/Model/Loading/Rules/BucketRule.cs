using System.Net;

namespace Reconciler.Model.Loading.Rules;

/// <summary>S3 bucket naming rules, and kmsKeyId only with aws:kms encryption.</summary>
internal sealed class BucketRule : IDocumentRule
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    public string Kind => "Bucket";

    public void Check(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        var spec = document.Spec;
        if (spec["kmsKeyId"] is not null && (string?)spec["encryption"] is not "aws:kms")
        {
            bag.Add(document.LocationOf("kmsKeyId"), "field 'kmsKeyId' in Bucket spec requires encryption: aws:kms; set encryption: aws:kms or remove kmsKeyId");
        }

        if ((string?)spec["bucketName"] is not { } name || Problem(name) is not { } problem)
        {
            return;
        }

        if (document.Locations.ContainsKey("bucketName"))
        {
            bag.Add(document.LocationOf("bucketName"), $"invalid bucketName '{name}' in Bucket spec: S3 bucket names {problem}");
        }
        else
        {
            bag.Add(document.NameLocation, $"default bucket name '{name}' (stack name and document name) is invalid: S3 bucket names {problem}; set spec.bucketName or shorten the names");
        }
    }

    /// <summary>The S3 naming rule a name breaks, or null.</summary>
    internal static string? Problem(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return $"must be 3 to 63 characters long (this one has {name.Length})";
        }

        if (name.Any(c => c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-')))
        {
            return "may contain only lowercase letters, digits, dots and hyphens";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "must start and end with a letter or digit";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain two adjacent dots";
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return "must not be formatted as an IP address";
        }

        if (ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
        {
            return $"must not start with '{prefix}'";
        }

        return ReservedSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? $"must not end with '{suffix}'"
            : null;
    }
}
