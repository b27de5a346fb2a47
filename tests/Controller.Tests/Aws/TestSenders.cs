using Amazon.Runtime;
using Reconciler.Aws.Protocol;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>Builds the own clients' sender against a fake server, with a counting handler.</summary>
internal static class TestSenders
{
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static readonly AwsRetryOptions FastRetry = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    public static SenderUnderTest Create(
        Uri endpoint,
        TimeProvider time,
        AwsRetryOptions? retry = null,
        Func<double>? random = null,
        Action<int, TimeSpan, string>? onRetry = null)
    {
        var log = new AwsRequestLog(time);
        var http = new HttpClient(new AwsRequestCountingHandler(log, new SocketsHttpHandler())) { Timeout = Timeout.InfiniteTimeSpan };
        var environment = AwsEnvironment.ForEndpoint(endpoint) with { Retry = retry ?? FastRetry };
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", SecretKey, null);
        var sender = new AwsRequestSender(http, environment, _ => Task.FromResult(credentials), time, random ?? (() => 0.0))
        {
            OnRetry = onRetry,
        };
        return new SenderUnderTest(sender, log, http);
    }
}
