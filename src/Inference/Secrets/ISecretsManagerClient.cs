namespace Reconciler.Inference.Secrets;

/// <summary>
/// The Secrets Manager operations the service uses, and only those. An interface so the official AWSSDK package
/// can replace the project's own client once the package registry serves it.
/// </summary>
internal interface ISecretsManagerClient
{
    /// <summary>
    /// Reads one version of a secret (AWSCURRENT unless the request names a stage). A missing secret throws
    /// Reconciler.Aws.AwsResourceNotFoundException; throttling, 5xx, timeouts and network errors are retried first.
    /// </summary>
    Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken);
}
