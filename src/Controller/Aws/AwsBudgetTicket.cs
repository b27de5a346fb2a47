namespace Reconciler.Controller.Aws;

/// <summary>A request's admission by the budget: which bucket it drew from, and at which rate cut.</summary>
/// <param name="Bucket">The service's bucket.</param>
/// <param name="Generation">The bucket's <see cref="AwsServiceBucket.Generation"/> when the request was admitted.</param>
internal readonly record struct AwsBudgetTicket(AwsServiceBucket Bucket, long Generation);
