using Reconciler.Aws;
using Reconciler.Aws.Clients.CloudTrail;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using CloudTrailOperations = Reconciler.Aws.Clients.CloudTrail.CloudTrailOperations;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;

namespace Reconciler.Controller.Drivers.CloudTrail;

/// <summary>
/// Converges CloudTrail trails through the project's generated <see cref="ICloudTrailClient"/>.
/// <para>
/// Reads: one DescribeTrails (every trail whose home is this region; shadow copies of other
/// regions' multi-region trails left out), then per trail of the stack one GetTrailStatus
/// (whether it is logging) and, for a trail the stack's tag index lacks, one ListTags.
/// </para>
/// <para>
/// Live form: the bucket, log group and role as document names (the log group from its ARN,
/// the role from the last segment of its ARN); <c>logging</c> from GetTrailStatus.
/// </para>
/// </summary>
internal sealed class TrailDriver : NameAddressedDriver<TrailSpec, Trail>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        CloudTrailOperations.AddTags,
        CloudTrailOperations.CreateTrail,
        CloudTrailOperations.DeleteTrail,
        CloudTrailOperations.DescribeTrails,
        CloudTrailOperations.GetTrailStatus,
        CloudTrailOperations.ListTags,
        CloudTrailOperations.RemoveTags,
        CloudTrailOperations.StartLogging,
        CloudTrailOperations.StopLogging,
        CloudTrailOperations.UpdateTrail,
        IamOperations.GetRole,
    ];

    private static readonly string[] Settings = ["bucket", "s3KeyPrefix", "multiRegion", "logFileValidation", "includeGlobalServiceEvents", "logGroup", "logsRole"];

    protected override AwsService Service => AwsService.CloudTrail;

    protected override ITagApi Tags => CloudTrailTags.Instance;

    protected override string NameOf(TrailSpec spec) => spec.TrailName!;

    protected override async Task<IReadOnlyDictionary<string, Trail>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var response = await context.Aws.CloudTrail.DescribeTrailsAsync(new DescribeTrailsRequest { IncludeShadowTrails = false }, cancellationToken);
        return (response.TrailList ?? [])
            .Where(t => t.Name is not null)
            .GroupBy(t => t.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Trail listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.Name!;
        var arn = listed.TrailARN ?? throw new InvalidOperationException($"{key}: DescribeTrails returned no ARN for {name}.");
        var status = await context.Aws.CloudTrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = arn }, cancellationToken);
        var live = new TrailSpec
        {
            TrailName = name,
            Bucket = listed.S3BucketName is { } bucket ? context.Identities.NameOf("Bucket", bucket) : "",
            S3KeyPrefix = listed.S3KeyPrefix,
            MultiRegion = listed.IsMultiRegionTrail == true,
            LogFileValidation = listed.LogFileValidationEnabled == true,
            IncludeGlobalServiceEvents = listed.IncludeGlobalServiceEvents == true,
            LogGroup = listed.CloudWatchLogsLogGroupArn is { } group ? context.Identities.NameOf("LogGroup", Arns.ResourceId(group)) : null,
            LogsRole = listed.CloudWatchLogsRoleArn is { } role ? context.Identities.NameOf("Role", role[(role.LastIndexOf('/') + 1)..]) : null,
            Logging = status.IsLogging == true,
        };
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        return Observed(key, live, await ReadTagsAsync(identity, context, cancellationToken), identity, new Dictionary<string, string> { ["trailName"] = name, ["trailArn"] = arn });
    }

    // A new trail is not logging: StartLogging follows as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, TrailSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var (groupArn, roleArn) = await DeliveryOfAsync(spec, context, cancellationToken);
        try
        {
            await context.Aws.CloudTrail.CreateTrailAsync(
                new CreateTrailRequest
                {
                    Name = NameOf(spec),
                    S3BucketName = context.Identities.IdOf("Bucket", spec.Bucket),
                    S3KeyPrefix = spec.S3KeyPrefix,
                    IsMultiRegionTrail = spec.MultiRegion,
                    EnableLogFileValidation = spec.LogFileValidation,
                    IncludeGlobalServiceEvents = spec.IncludeGlobalServiceEvents,
                    CloudWatchLogsLogGroupArn = groupArn,
                    CloudWatchLogsRoleArn = roleArn,
                    TagsList = CloudTrailTags.ToCloudTrail(tags),
                },
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return NameOf(spec);
    }

    // UpdateTrail takes every setting at once; sending the whole desired set keeps them consistent
    // (a multi-region trail must include global service events).
    protected override async Task ApplyAsync(SpecChange<TrailSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (trail, spec) = (context.Aws.CloudTrail, change.Desired);
        if (Settings.Any(change.Changed))
        {
            var (groupArn, roleArn) = await DeliveryOfAsync(spec, context, cancellationToken);
            await trail.UpdateTrailAsync(
                new UpdateTrailRequest
                {
                    Name = change.Id,
                    S3BucketName = context.Identities.IdOf("Bucket", spec.Bucket),
                    S3KeyPrefix = spec.S3KeyPrefix,
                    IsMultiRegionTrail = spec.MultiRegion,
                    EnableLogFileValidation = spec.LogFileValidation,
                    IncludeGlobalServiceEvents = spec.IncludeGlobalServiceEvents,
                    CloudWatchLogsLogGroupArn = groupArn,
                    CloudWatchLogsRoleArn = roleArn,
                },
                cancellationToken);
        }

        if (change.Changed("logging"))
        {
            await (spec.Logging
                ? (Task)trail.StartLoggingAsync(new StartLoggingRequest { Name = change.Id }, cancellationToken)
                : trail.StopLoggingAsync(new StopLoggingRequest { Name = change.Id }, cancellationToken));
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.CloudTrail.DeleteTrailAsync(new DeleteTrailRequest { Name = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    /// <summary>
    /// The log group's ARN (built: CloudTrail wants it with the trailing <c>:*</c>) and the role's
    /// (read: a role's path is part of its ARN), or nulls when the trail delivers to no log group.
    /// </summary>
    private static async Task<(string? Group, string? Role)> DeliveryOfAsync(TrailSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        if (spec.LogGroup is not { } group || spec.LogsRole is not { } role)
        {
            return (null, null);
        }

        var stack = context.Stack;
        var groupArn = $"arn:{Arns.Partition(stack.Region)}:logs:{stack.Region}:{stack.AccountId}:log-group:{context.Identities.IdOf("LogGroup", group)}:*";
        var read = await context.Aws.Iam.GetRoleAsync(new Reconciler.Aws.Clients.Iam.GetRoleRequest { RoleName = context.Identities.IdOf("Role", role) }, cancellationToken);
        return (groupArn, read.Role?.Arn ?? throw new InvalidOperationException($"GetRole returned no ARN for role '{role}'."));
    }
}
