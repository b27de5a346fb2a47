using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>
/// The shipped images, checked on their Dockerfiles (there is no Docker engine here to build
/// them): the rules of <see cref="DockerfileRules"/>, the build publishing the project the entry
/// point runs, and each HEALTHCHECK command run for real against a local HTTP server.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string, string> Images() => new()
    {
        { "deploy/controller/Dockerfile", "src/Controller/Controller.csproj", "/healthz" },
        { "deploy/inference/Dockerfile", "src/Inference/Inference.csproj", "/v2/health/live" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Image_FollowsEveryRule(string dockerfile, string project, string healthPath)
    {
        var file = Dockerfile.Parse(RepositoryFiles.Read(dockerfile));

        Assert.Empty(DockerfileRules.Check(file, RepositoryFiles.AssemblyNameOf(project)));
        var probe = string.Join(' ', DockerfileRules.HealthcheckCommand(file.Final.Last("HEALTHCHECK")!)!);
        Assert.Contains($"GET {healthPath} ", probe, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Build_PublishesTheProjectTheEntryPointRuns(string dockerfile, string project, string healthPath)
    {
        _ = healthPath;
        var file = Dockerfile.Parse(RepositoryFiles.Read(dockerfile));

        var build = file.Stages.Single(s => s.Name == "build");
        Assert.Contains(build.All("RUN"), r => r.Arguments.Contains($"dotnet publish {project} ", StringComparison.Ordinal));
        Assert.Contains(file.Final.All("COPY"), c => c.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Controller_RunsTheFolderMountedAtDesiredStateOnAllInterfaces()
    {
        var final = Dockerfile.Parse(RepositoryFiles.Read("deploy/controller/Dockerfile")).Final;

        Assert.Equal(["dotnet", "reconciler.dll", "run", "--listen", "0.0.0.0:9464"], final.Last("ENTRYPOINT")!.ExecForm());
        Assert.Equal(["/desired-state"], final.Last("CMD")!.ExecForm());
        // The trigger token a non-loopback --listen requires must come from the task, never the image.
        Assert.DoesNotContain(final.All("ENV").SelectMany(e => e.Variables()), v => v.Key == "RECONCILER_TRIGGER_TOKEN");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Healthcheck_PassesOn200_FailsOn503AndWhenNothingListens(string dockerfile, string project, string healthPath)
    {
        _ = project;
        var file = Dockerfile.Parse(RepositoryFiles.Read(dockerfile));
        var command = DockerfileRules.HealthcheckCommand(file.Final.Last("HEALTHCHECK")!)!;
        var port = file.Final.Last("EXPOSE")!.Arguments.Split('/')[0];

        Assert.Equal(0, await ProbeAsync(command, port, healthPath, "200 OK"));
        Assert.NotEqual(0, await ProbeAsync(command, port, healthPath, "503 Service Unavailable"));
        Assert.NotEqual(0, await ProbeAsync(command, port, null, null));
    }

    // Runs the HEALTHCHECK command against a one-request server on a free port (in place of the
    // image's port), answering `status` to `path` and 404 to any other; with no status, nothing listens.
    private static async Task<int> ProbeAsync(IReadOnlyList<string> command, string imagePort, string? path, string? status)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        if (status is null)
        {
            listener.Stop();
        }

        var serving = status is null ? Task.CompletedTask : ServeOneAsync(listener, path!, status);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument.Replace($"127.0.0.1/{imagePort}", $"127.0.0.1/{port}", StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await serving.WaitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static async Task ServeOneAsync(TcpListener listener, string path, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
            // The headers; the probe's request has no body.
        }

        var answer = requestLine == $"GET {path} HTTP/1.1" ? status : "404 Not Found";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {answer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        listener.Stop();
    }
}
