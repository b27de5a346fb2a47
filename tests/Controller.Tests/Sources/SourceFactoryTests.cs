using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

public sealed class SourceFactoryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly TemporaryFolder _work = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose()
    {
        _folder.Dispose();
        _work.Dispose();
    }

    [Fact]
    public void Parse_PlainFolder_ReturnsADirectorySource()
    {
        var source = Parse(_folder.Path, null, null);

        Assert.IsType<DirectorySource>(source);
        Assert.Equal($"directory {_folder.Path}", source.Description);
    }

    [Fact]
    public void Parse_PlainFolderWithPath_ReadsTheSubFolder()
    {
        Directory.CreateDirectory(_folder.Combine("desired-state", "dev"));

        var source = Parse(_folder.Path, null, "desired-state/dev");

        Assert.Equal($"directory {_folder.Combine("desired-state", "dev")}", source.Description);
    }

    [Fact]
    public void Parse_PlainFolderWithBranch_IsRefused()
    {
        var error = Assert.Throws<SourceException>(() => Parse(_folder.Path, "main", null));

        Assert.Equal(SourceErrorKind.InvalidSettings, error.Kind);
        Assert.Equal($"--branch 'main' was given but '{_folder.Path}' is a plain folder, not a git repository; drop --branch, or pass the repository's root (or URL) with --path for the sub-folder.", error.Message);
    }

    [Fact]
    public async Task Parse_GitRepositoryPathWithPath_ReadsThatSubFolderOfTheBranch()
    {
        using var repository = new TestRepository();
        var sha = repository.Commit("Dev", ("desired-state/dev/stack.yaml", "kind: Stack\n"));

        var source = Parse(repository.Path, null, "desired-state/dev");
        var snapshot = await source.FetchAsync(CancellationToken.None);

        Assert.IsType<GitSource>(source);
        Assert.Equal($"git {repository.Path} main (desired-state/dev)", source.Description);
        Assert.Equal(sha, snapshot.Revision);
        Assert.Equal(["stack.yaml"], SnapshotFiles.Read(snapshot).Keys);
    }

    [Theory]
    [InlineData("https://github.com/org/platform.git")]
    [InlineData("http://git.internal/org/platform.git")]
    [InlineData("ssh://git@github.com/org/platform.git")]
    [InlineData("git@github.com:org/platform.git")]
    [InlineData("git://git.internal/platform.git")]
    [InlineData("file:///srv/git/platform.git")]
    public void Parse_Url_ReturnsAGitSourceWithoutTouchingIt(string url)
    {
        var source = Parse(url, "prod", "desired-state/prod");

        Assert.IsType<GitSource>(source);
        Assert.Equal($"git {url} prod (desired-state/prod)", source.Description);
    }

    [Fact]
    public void Parse_TokenInEnvironmentWithSshUrl_IsIgnoredRatherThanRefused()
    {
        _environment[SourceSettings.TokenVariable] = "ghp_faketoken";

        var source = Parse("git@github.com:org/platform.git", null, null);

        Assert.IsType<GitSource>(source);
    }

    [Fact]
    public void Parse_PasswordInEnvironmentWithoutUser_IsRefusedWithoutShowingIt()
    {
        _environment[SourceSettings.PasswordVariable] = "fake-secret-0815";

        var error = Assert.Throws<SourceException>(() => Parse("https://github.com/org/platform.git", null, null));

        Assert.Contains("Git Password is set without a Username", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-secret-0815", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlWithCredentials_DescribesItWithoutThem()
    {
        var source = Parse("https://fake-user-4711:fake-secret-0815@github.com/org/platform.git", null, null);

        Assert.Equal("git https://github.com/org/platform.git main", source.Description);
    }

    [Fact]
    public void Parse_MissingPath_ThrowsNotFound()
    {
        var missing = _folder.Combine("nope");

        var error = Assert.Throws<SourceException>(() => Parse(missing, null, null));

        Assert.Equal(SourceErrorKind.NotFound, error.Kind);
        Assert.Equal($"Desired-state source '{missing}' is neither an existing folder nor a git URL; pass the folder that holds stack.yaml, a git repository path, or a URL such as https://github.com/org/platform.git.", error.Message);
    }

    [Fact]
    public void Parse_File_IsRefused()
    {
        var file = _folder.Combine("stack.yaml");
        File.WriteAllText(file, "kind: Stack\n");

        var error = Assert.Throws<SourceException>(() => Parse(file, null, null));

        Assert.Equal(SourceErrorKind.InvalidSettings, error.Kind);
    }

    [Fact]
    public void Parse_UnsupportedScheme_IsRefused()
    {
        var error = Assert.Throws<SourceException>(() => Parse("ftp://example.com/platform.git", null, null));

        Assert.Contains("unsupported scheme 'ftp'", error.Message, StringComparison.Ordinal);
    }

    private IDesiredStateSource Parse(string source, string? branch, string? path) =>
        SourceFactory.Parse(source, branch, path, new SourceSettings { WorkDirectory = _work.Path, GetEnvironmentVariable = name => _environment.GetValueOrDefault(name) });
}
