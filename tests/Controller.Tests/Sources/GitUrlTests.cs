using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

public sealed class GitUrlTests
{
    [Theory]
    [InlineData("https://user:secret@host/repo.git", "https://***@host/repo.git")]
    [InlineData("failed to connect to https://token@host/repo.git: refused", "failed to connect to https://***@host/repo.git: refused")]
    [InlineData("https://host/repo.git", "https://host/repo.git")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("ssh://git@github.com/org/repo.git", "ssh://git@github.com/org/repo.git")]
    [InlineData("ssh://git:secret@github.com/org/repo.git", "ssh://***@github.com/org/repo.git")]
    public void Redact_RemovesUserInfoOnly(string text, string expected)
    {
        Assert.Equal(expected, GitUrl.Redact(text));
    }

    [Fact]
    public void SplitCredentials_HttpsUrl_MovesThemOutOfTheUrl()
    {
        Assert.Equal(("https://github.com/org/p.git", "ci bot", "p@ss"), GitUrl.SplitCredentials("https://ci%20bot:p%40ss@github.com/org/p.git"));
    }

    [Fact]
    public void SplitCredentials_SshUrl_KeepsTheLoginName()
    {
        Assert.Equal(("ssh://git@github.com/org/p.git", null, null), GitUrl.SplitCredentials("ssh://git@github.com/org/p.git"));
    }

    [Theory]
    [InlineData("/srv/git/platform", false)]
    [InlineData("desired-state/dev", false)]
    [InlineData(@"C:\repos\platform", false)]
    [InlineData("git@github.com:org/platform.git", true)]
    [InlineData("file:///srv/git/platform", true)]
    public void LooksLikeUrl_TellsUrlsFromPaths(string text, bool expected)
    {
        Assert.Equal(expected, GitUrl.LooksLikeUrl(text));
    }
}
