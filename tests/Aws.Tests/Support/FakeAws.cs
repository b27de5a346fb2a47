using System.Net;
using Amazon.Runtime;
using Reconciler.Aws.Protocol;

namespace Reconciler.Aws.Tests.Support;

/// <summary>Generated clients on a <see cref="RecordingHandler"/>: one attempt per call, so error answers surface at once.</summary>
internal sealed class FakeAws : IDisposable
{
    private readonly HttpClient _http;

    public FakeAws(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        Handler = new RecordingHandler(answer);
        _http = new HttpClient(Handler);
        var environment = AwsEnvironment.ForEndpoint(new Uri("http://aws.test/")) with { Retry = new AwsRetryOptions { MaxAttempts = 1, ThrottlingMaxAttempts = 1 } };
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "secret", null);
        Sender = new AwsRequestSender(_http, environment, _ => Task.FromResult(credentials), TimeProvider.System);
        Clients = new AwsClientBuilder(Sender);
    }

    public RecordingHandler Handler { get; }

    public AwsRequestSender Sender { get; }

    public AwsClientBuilder Clients { get; }

    public RecordedRequest Request => Assert.Single(Handler.Requests);

    public static FakeAws Xml(string body) => new(_ => RecordingHandler.Answer(HttpStatusCode.OK, body, "text/xml"));

    public static FakeAws Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(_ => RecordingHandler.Answer(status, body, "application/json"));

    public void Dispose() => _http.Dispose();
}
