using System.Net;

namespace Reconciler.Aws.Tests.Protocol;

public sealed class OperationOptionTests
{
    [Fact]
    public async Task EveryRequest_CarriesItsGeneratedOperationForTheWriteGate()
    {
        using var aws = new FakeAws(r => r.Uri.Host == "aws.test" && r.Header("X-Amz-Target") is null && r.Method == "POST"
            ? RecordingHandler.Answer(HttpStatusCode.OK, "<R><DeleteRoleResult/></R>", "text/xml")
            : RecordingHandler.Answer(HttpStatusCode.OK, "{}", "application/json"));

        await aws.Clients.CreateIam().DeleteRoleAsync(new Clients.Iam.DeleteRoleRequest { RoleName = "r" });
        await aws.Clients.CreateCloudWatchLogs().DescribeLogGroupsAsync(new Clients.CloudWatchLogs.DescribeLogGroupsRequest());
        await aws.Clients.CreateLambda().ListFunctionsAsync(new Clients.Lambda.ListFunctionsRequest());

        Assert.Equal(
            [Clients.Iam.IamOperations.DeleteRole, Clients.CloudWatchLogs.CloudWatchLogsOperations.DescribeLogGroups, Clients.Lambda.LambdaOperations.ListFunctions],
            aws.Handler.Requests.Select(r => r.Operation));
        Assert.True(aws.Handler.Requests[0].Operation!.Writes);
        Assert.False(aws.Handler.Requests[1].Operation!.Writes);
    }

    [Fact]
    public async Task EveryRetriedAttempt_CarriesTheOperationToo()
    {
        var calls = 0;
        var handler = new RecordingHandler(_ => ++calls == 1
            ? RecordingHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}", "application/json")
            : RecordingHandler.Answer(HttpStatusCode.OK, "{}", "application/json"));
        using var http = new HttpClient(handler);
        var environment = AwsEnvironment.ForEndpoint(new Uri("http://aws.test/")) with { Retry = new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) } };
        var sender = new Reconciler.Aws.Protocol.AwsRequestSender(http, environment, _ => Task.FromResult(new Amazon.Runtime.ImmutableCredentials("a", "b", null)), TimeProvider.System);

        await new AwsClientBuilder(sender).CreateEcr().DeleteRepositoryAsync(new Clients.Ecr.DeleteRepositoryRequest { RepositoryName = "r" });

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(Clients.Ecr.EcrOperations.DeleteRepository, r.Operation));
    }
}
