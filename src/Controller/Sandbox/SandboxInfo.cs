using System.Text.Json.Serialization;
using Amazon.Runtime;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Sandbox;

/// <summary>A running sandbox, as recorded in the sandbox state file.</summary>
/// <param name="Endpoint">Where its moto listens.</param>
/// <param name="ProcessId">moto's process id.</param>
/// <param name="AccountId">The account id moto reports.</param>
/// <param name="StartedAt">When it was started.</param>
public sealed record SandboxInfo(
    [property: JsonPropertyName("endpoint")] Uri Endpoint,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt)
{
    /// <summary>Settings that point every AWS client at this sandbox, with moto's dummy credentials.</summary>
    public AwsEnvironment ToAwsEnvironment(string region = "us-east-1") =>
        AwsEnvironment.ForEndpoint(Endpoint, region, new BasicAWSCredentials("testing", "testing"));
}
