using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Reconciler.Aws;

/// <summary>
/// The credentials the project's own clients sign with: <see cref="AwsEnvironment.Credentials"/>
/// when set, else AWSSDK.Core's default credential chain (environment, profile, web identity,
/// ECS container and EC2 instance credentials), refreshed by the SDK's providers.
/// </summary>
public static class AwsCredentialChain
{
    /// <summary>
    /// A resolver for <see cref="Protocol.AwsRequestSender"/>. The chain is searched on first use,
    /// so a process that never calls AWS needs no credentials; a failed search is not cached, so
    /// a long-running process tries again on its next call.
    /// </summary>
    public static Func<CancellationToken, Task<ImmutableCredentials>> For(AwsEnvironment environment)
    {
        var credentials = new Lazy<AWSCredentials>(
            () => environment.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(null),
            LazyThreadSafetyMode.PublicationOnly);
        return async _ => await credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
    }
}
