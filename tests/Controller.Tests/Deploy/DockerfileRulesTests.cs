namespace Reconciler.Controller.Tests.Deploy;

/// <summary>Each image rule refuses the mistake it is there for, with a message naming the fix.</summary>
public sealed class DockerfileRulesTests
{
    private const string Good = """
        ARG V=10.0.12
        FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
        RUN dotnet publish app.csproj -o /app
        FROM mcr.microsoft.com/dotnet/aspnet:${V}
        COPY --from=build /app ./
        EXPOSE 9464
        USER $APP_UID
        HEALTHCHECK --interval=30s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9464"]
        ENTRYPOINT ["dotnet", "app.dll", "run", "--listen", "0.0.0.0:9464"]
        """;

    [Fact]
    public void Accepts_AGoodImage() => Assert.Empty(Check(Good));

    [Fact]
    public void Accepts_TheListenAddressGivenInCmd() => Assert.Empty(Check(Good.Replace(
        "ENTRYPOINT [\"dotnet\", \"app.dll\", \"run\", \"--listen\", \"0.0.0.0:9464\"]",
        "ENTRYPOINT [\"dotnet\", \"app.dll\", \"run\"]\nCMD [\"--listen\", \"0.0.0.0:9464\"]",
        StringComparison.Ordinal)));

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:${V}", "FROM mcr.microsoft.com/dotnet/aspnet:10.0",
        "Base image mcr.microsoft.com/dotnet/aspnet:10.0 is not pinned; give a full version tag (e.g. aspnet:10.0.12) or a @sha256 digest.")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:${V}", "FROM docker.io/library/ubuntu:24.04.1",
        "Base image docker.io/library/ubuntu:24.04.1 is not from mcr.microsoft.com; use the .NET images there.")]
    [InlineData("USER $APP_UID", "USER root",
        "The final stage runs as root; add USER $APP_UID (the .NET images' unprivileged user).")]
    [InlineData("USER $APP_UID", "",
        "The final stage runs as root (no USER); add USER $APP_UID (the .NET images' unprivileged user).")]
    [InlineData("EXPOSE 9464", "EXPOSE 8080",
        "EXPOSE 8080 does not include the port the app listens on, 9464.")]
    [InlineData("\"--listen\", \"0.0.0.0:9464\"", "\"--listen\", \"127.0.0.1:9464\"",
        "The app listens on 127.0.0.1, which is not reachable from outside the container; listen on 0.0.0.0.")]
    [InlineData("\"dotnet\", \"app.dll\"", "\"dotnet\", \"other.dll\"",
        "ENTRYPOINT must be exec form starting [\"dotnet\", \"app.dll\"], not [\"dotnet\", \"other.dll\", \"run\", \"--listen\", \"0.0.0.0:9464\"].")]
    [InlineData("ENTRYPOINT [\"dotnet\", \"app.dll\", \"run\", \"--listen\", \"0.0.0.0:9464\"]", "ENTRYPOINT dotnet app.dll run --listen 0.0.0.0:9464",
        "ENTRYPOINT must be exec form starting [\"dotnet\", \"app.dll\"], not dotnet app.dll run --listen 0.0.0.0:9464.",
        "The app's listen address is not set in the image (--listen HOST:PORT in ENTRYPOINT, or URLS / ASPNETCORE_URLS).")]
    [InlineData("HEALTHCHECK --interval=30s CMD", "HEALTHCHECK NONE\n#",
        "The final stage has no HEALTHCHECK CMD; add one that requests the app's liveness endpoint.")]
    [InlineData("127.0.0.1/9464\"]", "127.0.0.1/8080\"]",
        "The HEALTHCHECK does not probe 127.0.0.1 on the listen port 9464.")]
    [InlineData("USER $APP_UID", "USER $APP_UID\nENV RECONCILER_TRIGGER_TOKEN=abc",
        "RECONCILER_TRIGGER_TOKEN looks like a secret; images carry none: give it at run time (task role, task definition secrets).")]
    [InlineData("ARG V=10.0.12", "ARG V=10.0.12\nARG DEPLOY_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "DEPLOY_KEY_ID looks like a secret; images carry none: give it at run time (task role, task definition secrets).")]
    public void Rejects_EachMistake(string find, string replace, params string[] problems)
    {
        Assert.Contains(find, Good, StringComparison.Ordinal);

        Assert.Equal(problems, Check(Good.Replace(find, replace, StringComparison.Ordinal)));
    }

    private static IReadOnlyList<string> Check(string text) => DockerfileRules.Check(Dockerfile.Parse(text), "app");
}
