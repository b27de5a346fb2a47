using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using CloudWatchLogsOperations = Reconciler.Aws.Clients.CloudWatchLogs.CloudWatchLogsOperations;

namespace Reconciler.Controller.Drivers.Logs;

/// <summary>
/// Converges CloudWatch Logs log groups through the project's generated <see cref="ICloudWatchLogsClient"/>.
/// <para>
/// Reads: one paginated DescribeLogGroups (by the longest name prefix the stack's groups share)
/// returns retention and KMS key of every group; then one ListTagsForResource per group of the
/// stack, because CloudWatch Logs returns no tags in DescribeLogGroups and has no batch tag read.
/// </para>
/// <para>Live form: <c>retentionDays</c> is null when events are kept forever.</para>
/// </summary>
internal sealed class LogGroupDriver : NameAddressedDriver<LogGroupSpec, LogGroup>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. LogsTags.Operations,
        .. StackTagIndex.Operations,
        CloudWatchLogsOperations.AssociateKmsKey,
        CloudWatchLogsOperations.CreateLogGroup,
        CloudWatchLogsOperations.DeleteLogGroup,
        CloudWatchLogsOperations.DescribeLogGroups,
        CloudWatchLogsOperations.DisassociateKmsKey,
        CloudWatchLogsOperations.PutRetentionPolicy,
    ];

    // DescribeLogGroups' largest page.
    private const int MaxPageSize = 50;

    protected override AwsService Service => AwsService.CloudWatchLogs;

    protected override ITagApi Tags => LogsTags.Instance;

    protected override string NameOf(LogGroupSpec spec) => spec.LogGroupName!;

    protected override async Task<IReadOnlyDictionary<string, LogGroup>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var request = new DescribeLogGroupsRequest { LogGroupNamePrefix = namePrefix.Length == 0 ? null : namePrefix, Limit = MaxPageSize };
        var groups = await Pages.ReadAllAsync<LogGroup>(async token =>
        {
            var page = await context.Aws.Logs.DescribeLogGroupsAsync(request with { NextToken = token }, cancellationToken);
            return (page.LogGroups, page.NextToken);
        });
        return groups
            .Where(g => g.LogGroupName is not null)
            .GroupBy(g => g.LogGroupName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, LogGroup listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.LogGroupName!;
        var arn = TaggingArnOf(listed) ?? throw new InvalidOperationException($"{key}: DescribeLogGroups returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        return Observed(
            key,
            new LogGroupSpec { LogGroupName = name, RetentionDays = listed.RetentionInDays, KmsKeyId = listed.KmsKeyId },
            await ReadTagsAsync(identity, context, cancellationToken),
            identity,
            new Dictionary<string, string> { ["logGroupName"] = name, ["logGroupArn"] = arn });
    }

    // Retention has no CreateLogGroup parameter: it follows as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, LogGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = NameOf(spec), KmsKeyId = spec.KmsKeyId, Tags = tags }, cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<LogGroupSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (change.Changed("retentionDays"))
        {
            await context.Aws.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = change.Id, RetentionInDays = change.Desired.RetentionDays!.Value }, cancellationToken);
        }

        if (change.Changed("kmsKeyId"))
        {
            await (change.Desired.KmsKeyId is { } kmsKeyId
                ? context.Aws.Logs.AssociateKmsKeyAsync(new AssociateKmsKeyRequest { LogGroupName = change.Id, KmsKeyId = kmsKeyId }, cancellationToken)
                : context.Aws.Logs.DisassociateKmsKeyAsync(new DisassociateKmsKeyRequest { LogGroupName = change.Id }, cancellationToken));
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Logs.DeleteLogGroupAsync(new DeleteLogGroupRequest { LogGroupName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    // TagResource and ListTagsForResource want the ARN without the ":*" that the older Arn member carries.
    private static string? TaggingArnOf(LogGroup group) =>
        group.LogGroupArn ?? (group.Arn?.EndsWith(":*", StringComparison.Ordinal) == true ? group.Arn[..^2] : group.Arn);
}
