using System.Text.Json.Nodes;
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
    protected override string NameOf(LogGroupSpec spec) => spec.LogGroupName!;

    protected override async Task<IReadOnlyDictionary<string, LogGroup>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var groups = await context.Aws.Logs.DescribeAllLogGroupsAsync(namePrefix.Length == 0 ? null : namePrefix, cancellationToken: cancellationToken);
        return groups.GroupBy(g => g.LogGroupName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource?> ReadAsync(ResourceKey key, LogGroup listed, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = listed.TaggingArn ?? throw new InvalidOperationException($"{key}: DescribeLogGroups returned no ARN for {listed.LogGroupName}.");
        IReadOnlyDictionary<string, string> tags;
        try
        {
            tags = await context.Aws.Logs.ListTagsForResourceAsync(arn, cancellationToken);
        }
        catch (AwsResourceNotFoundException)
        {
            return null;
        }

        return new ObservedResource
        {
            Key = key,
            Exists = true,
            Live = new JsonObject
            {
                ["logGroupName"] = listed.LogGroupName,
                ["retentionDays"] = listed.RetentionInDays,
                ["kmsKeyId"] = listed.KmsKeyId,
            },
            Tags = tags,
            Identity = new Dictionary<string, string> { ["id"] = listed.LogGroupName, ["arn"] = arn },
            Outputs = new Dictionary<string, string> { ["logGroupName"] = listed.LogGroupName, ["logGroupArn"] = arn },
        };
    }

    protected override async Task<ObservedResource> CreateAsync(ResourceKey key, LogGroupSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = NameOf(spec);
        var adopted = false;
        try
        {
            await context.Aws.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name, KmsKeyId = spec.KmsKeyId, Tags = tags }, cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Ours already (an earlier create that was not recorded): adopt it.
            adopted = true;
        }

        await context.Aws.Logs.PutRetentionPolicyAsync(name, spec.RetentionDays, cancellationToken);
        var observed = await ObserveByNameAsync(key, name, context, cancellationToken);
        if (!adopted)
        {
            return observed;
        }

        if (spec.KmsKeyId is not null && observed.Live!["kmsKeyId"]?.GetValue<string>() != spec.KmsKeyId)
        {
            await context.Aws.Logs.AssociateKmsKeyAsync(name, spec.KmsKeyId, cancellationToken);
        }

        await LogsTags.ConvergeAsync(context.Aws.Logs, observed.Identity["arn"], tags, observed.Tags, cancellationToken);
        return await ObserveByNameAsync(key, name, context, cancellationToken);
    }

    protected override async Task<ObservedResource> UpdateAsync(ResourceKey key, LogGroupSpec spec, IReadOnlyDictionary<string, string> tags, ObservedResource observed, IReadOnlyList<FieldChange> fields, DriverContext context, CancellationToken cancellationToken)
    {
        var name = observed.Identity["id"];
        if (fields.Any(f => f.Path == "retentionDays"))
        {
            await context.Aws.Logs.PutRetentionPolicyAsync(name, spec.RetentionDays, cancellationToken);
        }

        if (fields.Any(f => f.Path == "kmsKeyId"))
        {
            await (spec.KmsKeyId is null
                ? context.Aws.Logs.DisassociateKmsKeyAsync(name, cancellationToken)
                : context.Aws.Logs.AssociateKmsKeyAsync(name, spec.KmsKeyId, cancellationToken));
        }

        await LogsTags.ConvergeAsync(context.Aws.Logs, observed.Identity["arn"], tags, observed.Tags, cancellationToken);
        return await ObserveByNameAsync(key, name, context, cancellationToken);
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Logs.DeleteLogGroupAsync(identity["id"], cancellationToken);
        }
        catch (AwsResourceNotFoundException)
        {
            // Already gone: a delete of a missing resource succeeds.
        }
    }
}
