namespace Reconciler.Controller.Aws;

/// <summary>
/// Finds the operation of an outgoing AWS request and whether it writes, from a declaration
/// only, never from the shape of its name: an own client's <see cref="AwsOperation"/> on the
/// request, else the official SDKs' table (<see cref="AwsSdkOperations"/>) by the name on the
/// wire. What neither declares is unknown, and the handler refuses it.
/// </summary>
internal static class AwsOperations
{
    /// <summary>The service, name and write-ness of <paramref name="request"/>'s operation; <see cref="AwsRequestOperation.Writes"/> is null when nothing declares it.</summary>
    public static async Task<AwsRequestOperation> IdentifyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AwsOperation.OptionKey, out var declared))
        {
            return new AwsRequestOperation(declared.Service.SigningName, declared.Name, declared.Writes);
        }

        var (service, name) = await AwsRequestClassifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
        if (AwsSdkOperations.Find(service, name) is { } sdk)
        {
            return new AwsRequestOperation(service, name, sdk.Writes);
        }

        return new AwsRequestOperation(service, name, null);
    }
}
