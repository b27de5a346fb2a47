using Reconciler.Controller.Aws;

namespace Reconciler.Controller.State;

/// <summary>
/// A write to the state table that failed after its retries. It names the table and the item, so
/// that a refusal by DynamoDB is not read as one by the service the resource lives in: the
/// resource's own change may well be done in AWS, and the next apply finds and records it.
/// </summary>
internal sealed class StateTableWriteException(string table, string item, Exception inner)
    : Exception($"the state table {table} did not record {item}: {AwsRefusalText.Of(inner)}", inner);
