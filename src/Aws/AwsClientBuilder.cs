using Reconciler.Aws.Protocol;

namespace Reconciler.Aws;

/// <summary>
/// Makes the project's own clients (generated under Clients/, one Create method per service) on one
/// <see cref="AwsRequestSender"/>, so the controller and the inference service build them the same
/// way: the sender's endpoints, credentials, retries and handler chain apply to every client.
/// </summary>
public sealed partial class AwsClientBuilder
{
    private readonly AwsRequestSender _sender;

    /// <param name="sender">Signs, sends and retries for every client built here.</param>
    public AwsClientBuilder(AwsRequestSender sender)
    {
        _sender = sender;
    }

    /// <summary>
    /// A builder on its own sender: <paramref name="http"/> sends (its handler chain may count or gate
    /// requests), <paramref name="environment"/> gives endpoints, region, retries and credentials (the
    /// AWS SDK's default chain when it names none), <paramref name="time"/> dates signatures and backoff.
    /// </summary>
    public static AwsClientBuilder Create(HttpClient http, AwsEnvironment environment, TimeProvider time, Action<int, TimeSpan, string>? onRetry = null) =>
        new(new AwsRequestSender(http, environment, AwsCredentialChain.For(environment), time) { OnRetry = onRetry });

    private AwsQueryProtocol Query(AwsService service, string apiVersion, IReadOnlyDictionary<string, AwsErrorKind> errors) =>
        new(_sender, service, apiVersion, errors);

    private AwsJsonProtocol Json(AwsService service, string targetPrefix, string jsonVersion, IReadOnlyDictionary<string, AwsErrorKind> errors) =>
        new(_sender, service, targetPrefix, jsonVersion, errors);

    private AwsRestJsonProtocol RestJson(AwsService service, IReadOnlyDictionary<string, AwsErrorKind> errors) =>
        new(_sender, service, errors);
}
