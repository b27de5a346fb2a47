using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.Leases;

/// <summary>
/// The condition a leader's state write carries: the stack's lease item still names
/// <paramref name="Holder"/> with <paramref name="FencingToken"/>. Once another replica
/// acquires the lease (the token grows) or this one releases it (the holder empties), the
/// condition fails and DynamoDB refuses the write, however late it arrives.
/// </summary>
/// <param name="TableName">The state table holding the lease and the records.</param>
/// <param name="Stack">The stack whose lease is checked.</param>
/// <param name="Holder">The writer's identity.</param>
/// <param name="FencingToken">The token of the writer's acquisition.</param>
public sealed record LeaseFence(string TableName, string Stack, string Holder, long FencingToken)
{
    /// <summary>The lease item's partition key ("stack#&lt;name&gt;").</summary>
    public string Partition => LeaseKeys.PartitionOf(Stack);

    /// <summary>The check to put first in a TransactWriteItems request, beside the write it guards.</summary>
    public TransactWriteItem ToConditionCheck() =>
        new()
        {
            ConditionCheck = new ConditionCheck
            {
                TableName = TableName,
                Key = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new(Partition),
                    ["sk"] = new(LeaseKeys.SortKey),
                },
                ConditionExpression = "#holder = :me AND #token = :token",
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#holder"] = LeaseRecord.HolderAttribute,
                    ["#token"] = LeaseRecord.TokenAttribute,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":me"] = new(Holder),
                    [":token"] = new() { N = FencingToken.ToString(CultureInfo.InvariantCulture) },
                },
            },
        };
}
