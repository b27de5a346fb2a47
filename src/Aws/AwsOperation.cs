namespace Reconciler.Aws;

/// <summary>
/// One operation of an AWS API as the project calls it: its service, its name as the service
/// model spells it, and whether it changes anything in AWS. The project's own clients declare
/// one per operation (generated from the service model) and attach it to every HTTP request
/// they send under <see cref="OptionKey"/>, so the handler chain (request log, write gate) knows
/// the operation from its declaration instead of guessing it from the wire.
/// </summary>
/// <param name="Service">The service the operation belongs to.</param>
/// <param name="Name">The operation's name in the service model, e.g. "CreateFunction".</param>
/// <param name="Writes">Whether the operation changes state in AWS; a replica without the lease never sends one.</param>
public sealed record AwsOperation(AwsService Service, string Name, bool Writes)
{
    /// <summary>Where an outgoing <see cref="HttpRequestMessage"/> carries its operation.</summary>
    public static readonly HttpRequestOptionsKey<AwsOperation> OptionKey = new("Reconciler.AwsOperation");
}
