using Reconciler.Aws.Protocol;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>A sender wired to a fake server, its request log, and the HttpClient to dispose.</summary>
internal sealed record SenderUnderTest(AwsRequestSender Sender, AwsRequestLog Log, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}
