using Amazon.Runtime;
using Reconciler.Controller.Aws;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>A daemon whose AWS does not answer keeps running and keeps trying; it never leads or writes.</summary>
public sealed class UnreachableAwsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-unreachable-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_AwsUnreachable_StaysUpReadyAndStandingBy()
    {
        SmallStack.Write(_folder, "unreachable");
        var nowhere = AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:1/"), "us-east-1", new BasicAWSCredentials("testing", "testing"))
            with { Retry = new AwsRetryOptions { MaxAttempts = 1 } };
        await using var daemon = await InProcessDaemon.StartAsync(nowhere, _folder, "--interval", "1s");

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal((200, "ok\n"), await daemon.Client.GetAsync("healthz"));
        Assert.Equal(200, (await daemon.Client.GetAsync("readyz")).Status);
        Assert.NotEqual("leader", await daemon.Client.RoleAsync());
    }
}
