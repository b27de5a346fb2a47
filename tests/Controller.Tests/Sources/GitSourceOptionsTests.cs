using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

public sealed class GitSourceOptionsTests
{
    [Fact]
    public void Validate_UrlWithDefaults_Accepts()
    {
        Assert.Empty(new GitSourceOptions { Url = "https://github.com/org/platform.git" }.Validate());
    }

    [Fact]
    public void Validate_EveryProblem_ReportsEachWithItsFix()
    {
        var options = new GitSourceOptions { Url = "https://github.com/org/platform.git", Branch = "a..b", Path = "../other", Password = "fake-secret-0815", KeepSnapshots = 1 };

        Assert.Equal(
            [
                "Git Branch 'a..b' is not a valid branch name; use a name such as main or release/2026-11.",
                "Git Path '../other' must be a folder inside the repository, relative to its root, without '..'; use e.g. desired-state/dev.",
                "Git Password is set without a Username; set RECONCILER_GIT_USERNAME, or use RECONCILER_GIT_TOKEN for an access token.",
                "Git KeepSnapshots is 1; use 2 or more so the folder of the cycle in progress is never removed.",
            ],
            options.Validate());
    }

    [Fact]
    public void Validate_CredentialsOverPlainHttp_Rejects()
    {
        var options = new GitSourceOptions { Url = "http://git.internal/platform.git", Username = "ci", Password = "fake-secret-0815" };

        Assert.Equal(["Git credentials would travel in clear text to 'http://git.internal/platform.git'; use an https:// URL."], options.Validate());
    }

    [Fact]
    public void Validate_EmptyUrl_Rejects()
    {
        Assert.Equal(["Git Url is empty; pass the repository as an https:// URL, git@host:org/repo.git, or a local path."], new GitSourceOptions { Url = " " }.Validate());
    }

    [Fact]
    public void ToString_HidesCredentials()
    {
        var text = new GitSourceOptions { Url = "https://u:fake-secret-in-url@github.com/org/p.git", Username = "fake-user-4711", Password = "fake-secret-0815" }.ToString();

        Assert.DoesNotContain("fake-user-4711", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-secret-0815", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-secret-in-url", text, StringComparison.Ordinal);
        Assert.Contains("https://***@github.com/org/p.git", text, StringComparison.Ordinal);
    }
}
