using System.Text;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An EC2 launch template: what the instances of an Auto Scaling group run. A change makes a new
/// template version and makes it the default (the template is never replaced for it); the live
/// state is the default version's data, and the groups that use the template follow it.
/// </summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed (<c>{stack}-{name}</c> by default) and unique
/// per account and region, so the new template cannot exist beside the old one.
/// </remarks>
[Kind("LaunchTemplate")]
public sealed record LaunchTemplateSpec : IResourceSpec
{
    /// <summary>The user data EC2 accepts at most, base64-encoded.</summary>
    public const int MaxUserDataBase64Bytes = 16384;

    /// <summary>The template's name, unique in the region. Defaults to <c>{stack}-{document name}</c>; changing it replaces the template.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? TemplateName { get; init; }

    /// <summary>The AMI, by id (<c>ami-...</c>). Set this or imageParameter.</summary>
    public string? ImageId { get; init; }

    /// <summary>
    /// The AMI, by the name of an SSM public parameter that holds the latest one, e.g.
    /// <c>/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64</c>. Resolved when
    /// the template version is made; when the parameter moves on to a newer AMI, the template is
    /// out of date and the next apply makes a version with the new AMI.
    /// </summary>
    public string? ImageParameter { get; init; }

    /// <summary>The EC2 instance type, e.g. t3.small.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The InstanceProfile document whose role the instances run as (none when absent: no AWS credentials on the instances).</summary>
    [Reference("InstanceProfile")]
    public string? InstanceProfile { get; init; }

    /// <summary>The SecurityGroup documents the instances' network interface is in. Compared as a set.</summary>
    [Reference("SecurityGroup")]
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>
    /// The user data script. Documents write the path of a file relative to the document's own
    /// file (<c>userDataFile: app-user-data.sh</c>); once loaded the field holds the file's
    /// content, which is what drift compares with what the template holds.
    /// </summary>
    [FileContent]
    public string? UserDataFile { get; init; }

    /// <summary>
    /// Whether the instance metadata service answers only IMDSv2's session-token requests
    /// (EC2's <c>HttpTokens: required</c>). Validation refuses false.
    /// </summary>
    public bool RequireImdsV2 { get; init; } = true;

    /// <summary>The root volume: size, type, encryption.</summary>
    /// <remarks>Null only in live state, for a template that leaves the root volume to the AMI.</remarks>
    public RootVolumeSpec? RootVolume { get; init; } = new();

    /// <summary>Exactly one way to name the AMI; IMDSv2 and an encrypted root volume; user data within EC2's limit.</summary>
    public void Validate(SpecRules rules)
    {
        var byId = rules.IsSet("imageId");
        var byParameter = rules.IsSet("imageParameter");
        if (byId == byParameter)
        {
            rules.Error(byId ? "imageParameter" : "", byId
                ? "LaunchTemplate spec sets both imageId and imageParameter; name the AMI one way: remove one of them"
                : "LaunchTemplate spec names no AMI; set imageId (ami-...) or imageParameter (an SSM public parameter such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64)");
        }

        if (ImageId is { } id && !id.StartsWith("ami-", StringComparison.Ordinal))
        {
            rules.Error("imageId", $"imageId '{id}' in LaunchTemplate spec is not an AMI id; write ami-... or use imageParameter");
        }

        if (ImageParameter is { } parameter && !parameter.StartsWith('/'))
        {
            rules.Error("imageParameter", $"imageParameter '{parameter}' in LaunchTemplate spec is not an SSM parameter name; write the full path, e.g. /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        }

        if (!RequireImdsV2 && rules.HasValue("requireImdsV2"))
        {
            rules.Error("requireImdsV2", "requireImdsV2: false in LaunchTemplate spec allows IMDSv1, whose unauthenticated metadata requests hand the instance role's credentials to any SSRF; remove the field (IMDSv2 only is the default)");
        }

        if (RootVolume is { Encrypted: false } && rules.HasValue("rootVolume.encrypted"))
        {
            rules.Error("rootVolume.encrypted", "rootVolume.encrypted: false in LaunchTemplate spec leaves instance disks unencrypted at rest; remove the field (encrypted is the default)");
        }

        if (UserDataFile is { } userData && Encoding.UTF8.GetByteCount(userData) is var bytes && (bytes + 2) / 3 * 4 > MaxUserDataBase64Bytes)
        {
            rules.Error("userDataFile", $"the user data file of LaunchTemplate spec is {bytes} bytes, over EC2's limit of {MaxUserDataBase64Bytes} bytes once base64-encoded; fetch the bulk of the script from S3 at boot instead");
        }
    }

    /// <summary>AWS charges nothing for a launch template; its instances are priced on the Auto Scaling group that runs them.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
