using Reconciler.Controller.Aws;
using Reconciler.Controller.Aws.Logs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.Logs;

/// <summary>
/// Converges CloudWatch Logs log groups through the project's own <see cref="ICloudWatchLogsClient"/>.
/// <para>
/// Reads: one paginated DescribeLogGroups (by the longest name prefix the stack's groups share)
/// returns retention and KMS key of every group; then one ListTagsForResource per group of the
/// stack, because CloudWatch Logs returns no tags in DescribeLogGroups and has no batch tag read.
/// </para>
/// <para>Live form: <c>retentionDays</c> is null when events are kept forever.</para>
/// </summary>
internal sealed class LogGroupDriver : NameAddressedDriver<LogGroupSpec, LogGroup>
{
    protected override ITagApi Tags => LogsTags.Instance;

    protected override string NameOf(LogGroupSpec spec) => spec.LogGroupName!;

    protected override async Task<IReadOnlyDictionary<string, LogGroup>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = await context.Aws.Logs.DescribeAllLogGroupsAsync(namePrefix.Length == 0 ? null : namePrefix, cancellationToken: cancellationToken);
        return groups.GroupBy(g => g.LogGroupName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, LogGroup listed, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = listed.TaggingArn ?? throw new InvalidOperationException($"{key}: DescribeLogGroups returned no ARN for {listed.LogGroupName}.");
        var identity = new Dictionary<string, string> { ["id"] = listed.LogGroupName, ["arn"] = arn };
        return Observed(
            key,
            new LogGroupSpec { LogGroupName = listed.LogGroupName, RetentionDays = listed.RetentionInDays, KmsKeyId = listed.KmsKeyId },
            await Tags.ReadAsync(context.Aws, identity, cancellationToken),
            identity,
            new Dictionary<string, string> { ["logGroupName"] = listed.LogGroupName, ["logGroupArn"] = arn });
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
            await context.Aws.Logs.PutRetentionPolicyAsync(change.Id, change.Desired.RetentionDays!.Value, cancellationToken);
        }

        if (change.Changed("kmsKeyId"))
        {
            await (change.Desired.KmsKeyId is { } kmsKeyId
                ? context.Aws.Logs.AssociateKmsKeyAsync(change.Id, kmsKeyId, cancellationToken)
                : context.Aws.Logs.DisassociateKmsKeyAsync(change.Id, cancellationToken));
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Logs.DeleteLogGroupAsync(identity["id"], cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;
}
