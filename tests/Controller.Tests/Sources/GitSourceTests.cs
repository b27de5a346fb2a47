using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

public sealed class GitSourceTests : IDisposable
{
    private const string Stack = "kind: Stack\n";
    private const string Vpc = "kind: Vpc\n";
    private readonly TestRepository _origin = new();
    private readonly TemporaryFolder _work = new();

    public void Dispose()
    {
        _origin.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task FetchAsync_FirstFetch_ReturnsTipShaAndTheFilesOfThatCommit()
    {
        var sha = _origin.Commit("First platform", ("stack.yaml", Stack), ("vpc.yaml", Vpc));

        var snapshot = await Source().FetchAsync(CancellationToken.None);

        Assert.Equal(sha, snapshot.Revision);
        Assert.Equal(new SortedDictionary<string, string> { ["stack.yaml"] = Stack, ["vpc.yaml"] = Vpc }, SnapshotFiles.Read(snapshot));
    }

    [Fact]
    public async Task FetchAsync_FirstFetch_DescribesTheCommit()
    {
        var sha = _origin.Commit("First platform\n\nWith a body.", ("stack.yaml", Stack));

        var snapshot = await Source().FetchAsync(CancellationToken.None);

        Assert.Equal("First platform", snapshot.Message);
        Assert.Equal("Ada Lovelace <ada@example.com>", snapshot.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), snapshot.CommittedAt);
        Assert.Equal($"git {_origin.Path} main@{sha[..7]}", snapshot.Description);
    }

    [Fact]
    public async Task FetchAsync_NewCommit_ReturnsTheNewShaAndTheNewContent()
    {
        _origin.Commit("First", ("stack.yaml", Stack), ("vpc.yaml", Vpc));
        var source = Source();
        await source.FetchAsync(CancellationToken.None);
        var second = _origin.Commit("Second", ("vpc.yaml", null), ("subnet.yaml", "kind: Subnet\n"));

        var snapshot = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(second, snapshot.Revision);
        Assert.Equal(["stack.yaml", "subnet.yaml"], SnapshotFiles.Read(snapshot).Keys);
    }

    [Fact]
    public async Task FetchAsync_UnchangedBranch_ReturnsTheSameRevisionAndFolder()
    {
        _origin.Commit("First", ("stack.yaml", Stack));
        var source = Source();
        var first = await source.FetchAsync(CancellationToken.None);

        var second = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FetchAsync_LaterCommit_LeavesTheEarlierSnapshotUnchanged()
    {
        _origin.Commit("First", ("stack.yaml", Stack), ("vpc.yaml", Vpc));
        var source = Source();
        var earlier = await source.FetchAsync(CancellationToken.None);
        var before = SnapshotFiles.Read(earlier);

        _origin.Commit("Second", ("vpc.yaml", "kind: Vpc\nspec: {}\n"), ("stack.yaml", null));
        var later = await source.FetchAsync(CancellationToken.None);

        Assert.NotEqual(earlier.Directory, later.Directory);
        Assert.Equal(before, SnapshotFiles.Read(earlier));
    }

    [Fact]
    public async Task FetchAsync_UncommittedEditsInTheOrigin_AreNotRead()
    {
        _origin.Commit("First", ("stack.yaml", Stack));
        _origin.WriteUncommitted("stack.yaml", "kind: Edited\n");
        _origin.WriteUncommitted("extra.yaml", "kind: Extra\n");

        var snapshot = await Source().FetchAsync(CancellationToken.None);

        Assert.Equal(new SortedDictionary<string, string> { ["stack.yaml"] = Stack }, SnapshotFiles.Read(snapshot));
    }

    [Fact]
    public async Task FetchAsync_OtherBranch_ReadsThatBranchOnly()
    {
        var onMain = _origin.Commit("Main", ("stack.yaml", Stack));
        _origin.CheckoutNewBranch("release/prod");
        var onRelease = _origin.Commit("Release", ("vpc.yaml", Vpc));
        _origin.Checkout("main");

        var release = await Source(branch: "release/prod").FetchAsync(CancellationToken.None);
        var main = await Source().FetchAsync(CancellationToken.None);

        Assert.Equal(onRelease, release.Revision);
        Assert.Equal(["stack.yaml", "vpc.yaml"], SnapshotFiles.Read(release).Keys);
        Assert.Equal(onMain, main.Revision);
        Assert.Equal(["stack.yaml"], SnapshotFiles.Read(main).Keys);
    }

    [Fact]
    public async Task FetchAsync_SubFolder_ReturnsOnlyThatFoldersOwnFiles()
    {
        _origin.Commit(
            "Environments",
            ("README.md", "# platform\n"),
            ("root.yaml", "kind: Root\n"),
            ("desired-state/dev/stack.yaml", Stack),
            ("desired-state/dev/app-user-data.sh", "#!/bin/sh\n"),
            ("desired-state/dev/.hidden.yaml", "kind: Hidden\n"),
            ("desired-state/dev/nested/other.yaml", "kind: Nested\n"),
            ("desired-state/prod/stack.yaml", "kind: Stack\nprod: true\n"));

        var snapshot = await Source(path: "./desired-state/dev/").FetchAsync(CancellationToken.None);

        Assert.Equal(new SortedDictionary<string, string> { ["app-user-data.sh"] = "#!/bin/sh\n", ["stack.yaml"] = Stack }, SnapshotFiles.Read(snapshot));
        Assert.EndsWith(Path.Combine("desired-state", "dev"), snapshot.Directory, StringComparison.Ordinal);
        Assert.EndsWith("(desired-state/dev)", snapshot.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_SubFolderMissingAtTheCommit_ThrowsSourceExceptionNamingItAndTheRevision()
    {
        _origin.Commit("Dev", ("desired-state/dev/stack.yaml", Stack));
        var source = Source(path: "desired-state/dev");
        await source.FetchAsync(CancellationToken.None);
        var broken = _origin.Commit("Moved dev away", ("desired-state/dev/stack.yaml", null), ("envs/dev/stack.yaml", Stack));

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(CancellationToken.None));

        Assert.Equal(SourceErrorKind.PathNotFound, error.Kind);
        Assert.Equal(broken, error.Revision);
        Assert.Equal(
            $"Folder 'desired-state/dev' does not exist at commit {broken[..7]} (\"Moved dev away\") of branch 'main' in {_origin.Path}. " +
            "Commit the folder holding stack.yaml there, or pass the right one with --path; the last good revision stays applied meanwhile.",
            error.Message);
    }

    [Fact]
    public async Task FetchAsync_SubFolderRestoredAfterABadRevision_RecoversWithoutRestart()
    {
        _origin.Commit("Dev", ("desired-state/dev/stack.yaml", Stack));
        var source = Source(path: "desired-state/dev");
        _origin.Commit("Oops", ("desired-state/dev/stack.yaml", null), ("other.yaml", Vpc));
        await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(CancellationToken.None));
        var fixedSha = _origin.Commit("Restore", ("desired-state/dev/stack.yaml", Stack));

        var snapshot = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(fixedSha, snapshot.Revision);
    }

    [Fact]
    public async Task FetchAsync_MissingBranch_ThrowsSourceExceptionListingTheBranches()
    {
        _origin.Commit("First", ("stack.yaml", Stack));

        var error = await Assert.ThrowsAsync<SourceException>(() => Source(branch: "prod").FetchAsync(CancellationToken.None));

        Assert.Equal(SourceErrorKind.BranchNotFound, error.Kind);
        Assert.Equal($"Branch 'prod' does not exist in {_origin.Path}; its branches are: main. Pass one of them with --branch, or push the branch.", error.Message);
    }

    [Fact]
    public async Task FetchAsync_UnreachableFileUrl_ThrowsSourceExceptionWithoutCredentials()
    {
        var source = new GitSource(new GitSourceOptions { Url = "file:///nonexistent", WorkDirectory = _work.Path, Username = "fake-user-4711", Password = "fake-secret-0815" });

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(CancellationToken.None));

        Assert.Equal(SourceErrorKind.Unreachable, error.Kind);
        Assert.StartsWith("Cannot read branch 'main' of git repository file:///nonexistent: ", error.Message, StringComparison.Ordinal);
        AssertHasNoSecrets(error.ToString(), "fake-user-4711", "fake-secret-0815");
    }

    [Fact]
    public async Task FetchAsync_UnreachableHttpsUrlWithUserInfo_ThrowsSourceExceptionWithoutCredentials()
    {
        // Port 1 on loopback refuses at once: an unreachable server without touching the network.
        var source = new GitSource(new GitSourceOptions { Url = "https://fake-user-4711:fake-secret-0815@127.0.0.1:1/org/platform.git", WorkDirectory = _work.Path });

        var error = await Assert.ThrowsAsync<SourceException>(() => source.FetchAsync(CancellationToken.None));

        Assert.Equal(SourceErrorKind.Unreachable, error.Kind);
        Assert.Contains("https://127.0.0.1:1/org/platform.git", error.Message, StringComparison.Ordinal);
        AssertHasNoSecrets(error.ToString() + source.Description + error.SourceDescription, "fake-user-4711", "fake-secret-0815");
        AssertHasNoSecrets(string.Concat(Directory.EnumerateFiles(_work.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), "fake-user-4711", "fake-secret-0815");
    }

    [Fact]
    public async Task FetchAsync_ManyRevisions_KeepsOnlyTheLastFewSnapshots()
    {
        var source = Source(keep: 2);
        var snapshots = new List<SourceSnapshot>();
        for (var i = 0; i < 4; i++)
        {
            _origin.Commit($"Commit {i}", ("stack.yaml", $"kind: Stack\nversion: {i}\n"));
            snapshots.Add(await source.FetchAsync(CancellationToken.None));
        }

        Assert.Equal([false, false, true, true], snapshots.Select(s => Directory.Exists(s.Directory)));
        Assert.Equal(2, Directory.GetDirectories(_work.Combine("main", "snapshots")).Length);
    }

    [Fact]
    public async Task FetchAsync_UnusableClone_IsRecreated()
    {
        var sha = _origin.Commit("First", ("stack.yaml", Stack));
        Directory.CreateDirectory(_work.Combine("main", "repo.git"));
        File.WriteAllText(_work.Combine("main", "repo.git", "garbage"), "not a repository");

        var snapshot = await Source().FetchAsync(CancellationToken.None);

        Assert.Equal(sha, snapshot.Revision);
    }

    [Fact]
    public async Task FetchAsync_FileUrlOfTheRepository_ReadsLikeThePath()
    {
        var sha = _origin.Commit("First", ("stack.yaml", Stack));
        var source = new GitSource(new GitSourceOptions { Url = _origin.FileUrl, WorkDirectory = _work.Path });

        var snapshot = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(sha, snapshot.Revision);
    }

    [Fact]
    public async Task FetchAsync_Cancelled_ThrowsOperationCanceled()
    {
        _origin.Commit("First", ("stack.yaml", Stack));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Source().FetchAsync(cancelled.Token));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEveryProblem()
    {
        var error = Assert.Throws<SourceException>(() => new GitSource(new GitSourceOptions { Url = "", Branch = "bad..name", Path = "../up" }));

        Assert.Equal(SourceErrorKind.InvalidSettings, error.Kind);
        Assert.Equal(3, error.Message.Split(Environment.NewLine).Length - 1);
    }

    private GitSource Source(string branch = "main", string path = "", int keep = 3) =>
        new(new GitSourceOptions { Url = _origin.Path, Branch = branch, Path = path, WorkDirectory = _work.Combine(branch.Replace('/', '-')), KeepSnapshots = keep });

    private static void AssertHasNoSecrets(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
