using System.Globalization;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Aws.Clients.Ssm;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using AutoScalingOperations = Reconciler.Aws.Clients.AutoScaling.AutoScalingOperations;
using SdkOperations = Reconciler.Controller.Aws.SdkOperations;
using SsmOperations = Reconciler.Aws.Clients.Ssm.SsmOperations;

namespace Reconciler.Controller.Drivers.Ec2;

/// <summary>
/// Converges launch templates. A change never edits a version (versions are immutable): it makes
/// a new version from the whole desired spec, makes it the default, and moves the stack's Auto
/// Scaling groups that run the template onto it (<see cref="TemplateRollout"/>). The live state
/// is the default version's data: one DescribeLaunchTemplates for the stack, one
/// DescribeTags, then one DescribeLaunchTemplateVersions per template (EC2 has no batch read of
/// the default versions' data), plus one SSM GetParameter per template whose AMI is named by a
/// parameter.
/// <para>
/// An AMI named by an SSM parameter is recorded in the version's description
/// (<c>image from /aws/service/...</c>), so the live state can say which parameter it came from
/// and whether the parameter still resolves to it: a parameter that moved on to a newer AMI is
/// a difference in <c>imageParameter</c>, and the update makes a version with the new AMI.
/// </para>
/// </summary>
internal sealed class LaunchTemplateDriver : Ec2Driver<LaunchTemplateSpec, LaunchTemplate>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. Ec2Tags.Operations,
        AutoScalingOperations.CancelInstanceRefresh,
        AutoScalingOperations.DescribeAutoScalingGroups,
        AutoScalingOperations.StartInstanceRefresh,
        AutoScalingOperations.UpdateAutoScalingGroup,
        SdkOperations.Ec2.CreateLaunchTemplate,
        SdkOperations.Ec2.CreateLaunchTemplateVersion,
        SdkOperations.Ec2.DeleteLaunchTemplate,
        SdkOperations.Ec2.DescribeLaunchTemplateVersions,
        SdkOperations.Ec2.DescribeLaunchTemplates,
        SdkOperations.Ec2.ModifyLaunchTemplate,
        SsmOperations.GetParameter,
    ];

    private const string ParameterDescriptionPrefix = "image from ";

    protected override string IdOutputName => "launchTemplateId";

    /// <summary>
    /// Tags are read with DescribeTags rather than taken from DescribeLaunchTemplates: moto
    /// answers the latter with the tags the template had at create, so tags added later would
    /// never show. One call covers every template described.
    /// </summary>
    protected override async Task<IReadOnlyList<LaunchTemplate>> DescribeAsync(List<Filter>? filters, List<string>? ids, DriverContext context, CancellationToken cancellationToken)
    {
        var templates = await Pages.ReadAllAsync<LaunchTemplate>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeLaunchTemplatesAsync(
                new DescribeLaunchTemplatesRequest { Filters = filters, LaunchTemplateIds = ids, NextToken = token },
                cancellationToken);
            return (response.LaunchTemplates, response.NextToken);
        });
        if (templates.Count == 0)
        {
            return templates;
        }

        var tags = await Pages.ReadAllAsync<TagDescription>(async token =>
        {
            var response = await context.Aws.Ec2.DescribeTagsAsync(
                new DescribeTagsRequest
                {
                    Filters = [new Filter("resource-type", ["launch-template"]), new Filter("resource-id", [.. templates.Select(t => t.LaunchTemplateId)])],
                    NextToken = token,
                },
                cancellationToken);
            return (response.Tags, response.NextToken);
        });
        var byId = tags.ToLookup(t => t.ResourceId, StringComparer.Ordinal);
        foreach (var template in templates)
        {
            template.Tags = [.. byId[template.LaunchTemplateId].Select(t => new Tag(t.Key, t.Value))];
        }

        return templates;
    }

    protected override string IdOf(LaunchTemplate item) => item.LaunchTemplateId;

    protected override IEnumerable<Tag>? TagsOf(LaunchTemplate item) => item.Tags;

    protected override async Task<LaunchTemplateSpec> LiveOf(LaunchTemplate item, DriverContext context, CancellationToken cancellationToken)
    {
        var version = (await context.Aws.Ec2.DescribeLaunchTemplateVersionsAsync(
            new DescribeLaunchTemplateVersionsRequest { LaunchTemplateId = item.LaunchTemplateId, Versions = ["$Default"] },
            cancellationToken)).LaunchTemplateVersions.Single();
        var data = version.LaunchTemplateData;
        var root = data.BlockDeviceMappings?.FirstOrDefault(m => m.Ebs is not null);
        return new LaunchTemplateSpec
        {
            TemplateName = item.LaunchTemplateName,
            ImageId = data.ImageId,
            ImageParameter = await LiveParameterAsync(version.VersionDescription, data.ImageId, context, cancellationToken),
            InstanceType = data.InstanceType?.Value ?? "",
            InstanceProfile = LiveInstanceProfile(data.IamInstanceProfile, context),
            SecurityGroups = [.. (data.SecurityGroupIds ?? []).Select(id => context.Identities.NameOf("SecurityGroup", id))],
            UserDataFile = data.UserData is { Length: > 0 } userData ? Encoding.UTF8.GetString(Convert.FromBase64String(userData)) : null,

            // Without metadata options EC2 accepts IMDSv1 as well.
            RequireImdsV2 = data.MetadataOptions?.HttpTokens == LaunchTemplateHttpTokensState.Required,
            RootVolume = root is null ? null : new RootVolumeSpec
            {
                DeviceName = root.DeviceName,
                SizeGb = root.Ebs.VolumeSize ?? 0,
                VolumeType = root.Ebs.VolumeType?.Value ?? "",
                Encrypted = root.Ebs.Encrypted ?? false,
            },
        };
    }

    protected override IReadOnlyDictionary<string, string> OutputsOf(LaunchTemplate item) => new Dictionary<string, string>
    {
        ["launchTemplateName"] = item.LaunchTemplateName,
        ["defaultVersion"] = Number(item.DefaultVersionNumber),
        ["latestVersion"] = Number(item.LatestVersionNumber),
    };

    protected override async Task<string> CreateNewAsync(ResourceKey key, LaunchTemplateSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var (data, description) = await VersionOfAsync(spec, context, cancellationToken);
        var response = await context.Aws.Ec2.CreateLaunchTemplateAsync(
            new CreateLaunchTemplateRequest
            {
                LaunchTemplateName = spec.TemplateName,
                LaunchTemplateData = data,
                VersionDescription = description,
                TagSpecifications = Ec2Tags.AtCreate(ResourceType.LaunchTemplate, tags),
            },
            cancellationToken);
        return response.LaunchTemplate.LaunchTemplateId;
    }

    /// <summary>Any change is a new version from the whole desired spec, made the default; the stack's groups follow it.</summary>
    protected override async Task ApplyAsync(SpecChange<LaunchTemplateSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (data, description) = await VersionOfAsync(change.Desired, context, cancellationToken);
        var created = await context.Aws.Ec2.CreateLaunchTemplateVersionAsync(
            new CreateLaunchTemplateVersionRequest { LaunchTemplateId = change.Id, LaunchTemplateData = data, VersionDescription = description },
            cancellationToken);
        var version = Number(created.LaunchTemplateVersion.VersionNumber);
        await context.Aws.Ec2.ModifyLaunchTemplateAsync(new ModifyLaunchTemplateRequest { LaunchTemplateId = change.Id, DefaultVersion = version }, cancellationToken);
        await TemplateRollout.FollowAsync(change.Id, version, context, cancellationToken);
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Ec2.DeleteLaunchTemplateAsync(new DeleteLaunchTemplateRequest { LaunchTemplateId = identity["id"] }, cancellationToken));

    // EC2 (and moto) also name a missing template InvalidLaunchTemplateName.NotFoundException.
    protected override bool IsNotFound(Exception error) =>
        base.IsNotFound(error) || (error is AmazonEC2Exception e && e.ErrorCode?.StartsWith("InvalidLaunchTemplate", StringComparison.Ordinal) == true && e.ErrorCode.Contains("NotFound", StringComparison.Ordinal));

    /// <summary>A version's data and description for the spec, with an AMI parameter resolved to today's AMI.</summary>
    private static async Task<(RequestLaunchTemplateData Data, string? Description)> VersionOfAsync(LaunchTemplateSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var imageId = spec.ImageParameter is { } parameter ? await ResolveAsync(parameter, context, cancellationToken) : spec.ImageId;
        var root = spec.RootVolume ?? new RootVolumeSpec();
        var data = new RequestLaunchTemplateData
        {
            ImageId = imageId,
            InstanceType = InstanceType.FindValue(spec.InstanceType),
            SecurityGroupIds = [.. spec.SecurityGroups.Select(name => context.Identities.IdOf("SecurityGroup", name))],
            UserData = spec.UserDataFile is { } userData ? Convert.ToBase64String(Encoding.UTF8.GetBytes(userData)) : null,
            MetadataOptions = new LaunchTemplateInstanceMetadataOptionsRequest { HttpTokens = spec.RequireImdsV2 ? LaunchTemplateHttpTokensState.Required : LaunchTemplateHttpTokensState.Optional, HttpEndpoint = LaunchTemplateInstanceMetadataEndpointState.Enabled },
            BlockDeviceMappings =
            [
                new LaunchTemplateBlockDeviceMappingRequest
                {
                    DeviceName = root.DeviceName,
                    Ebs = new LaunchTemplateEbsBlockDeviceRequest { VolumeSize = root.SizeGb, VolumeType = VolumeType.FindValue(root.VolumeType), Encrypted = root.Encrypted, DeleteOnTermination = true },
                },
            ],
            IamInstanceProfile = spec.InstanceProfile is { } profile
                ? new LaunchTemplateIamInstanceProfileSpecificationRequest { Name = context.Identities.IdOf("InstanceProfile", profile) }
                : null,
        };
        return (data, spec.ImageParameter is { } named ? ParameterDescriptionPrefix + named : null);
    }

    private static async Task<string> ResolveAsync(string parameter, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Ssm.GetParameterAsync(new GetParameterRequest { Name = parameter }, cancellationToken)).Parameter?.Value
        ?? throw new InvalidOperationException($"SSM parameter {parameter} holds no value; it should name an AMI id.");

    /// <summary>
    /// The parameter the version's AMI came from, as the version's description records it; when the
    /// parameter now resolves to another AMI, a text saying so, which differs from the document.
    /// </summary>
    private static async Task<string?> LiveParameterAsync(string? description, string? imageId, DriverContext context, CancellationToken cancellationToken)
    {
        if (description?.StartsWith(ParameterDescriptionPrefix, StringComparison.Ordinal) != true)
        {
            return null;
        }

        var parameter = description[ParameterDescriptionPrefix.Length..];
        var current = await ResolveAsync(parameter, context, cancellationToken);
        return current == imageId ? parameter : $"{parameter} as of {imageId} (it now names {current})";
    }

    private static string Number(long? number) => (number ?? 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The profile's document name; EC2 may answer with its name or only its ARN (whose last segment is the name).</summary>
    private static string? LiveInstanceProfile(LaunchTemplateIamInstanceProfileSpecification? profile, DriverContext context)
    {
        var name = profile?.Name ?? profile?.Arn?[(profile.Arn.LastIndexOf('/') + 1)..];
        return name is null ? null : context.Identities.NameOf("InstanceProfile", name);
    }
}
