using Reconciler.Controller.Sources;

namespace Reconciler.Controller.Tests.Sources;

public sealed class DirectorySourceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly TemporaryFolder _work = new();

    public DirectorySourceTests()
    {
        Directory.CreateDirectory(_folder.Combine("dev"));
        Write("stack.yaml", "kind: Stack\n");
        Write("vpc.yml", "kind: Vpc\n");
    }

    public void Dispose()
    {
        _folder.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task FetchAsync_UnchangedFolder_ReturnsTheSameRevisionEveryTime()
    {
        var source = Source();

        var first = await source.FetchAsync(CancellationToken.None);
        var second = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first.Revision);
    }

    [Fact]
    public async Task FetchAsync_SameContentInAnotherSource_GivesTheSameRevision()
    {
        var first = await Source().FetchAsync(CancellationToken.None);

        var second = await new DirectorySource(_folder.Combine("dev"), _work.Combine("other")).FetchAsync(CancellationToken.None);

        Assert.Equal(first.Revision, second.Revision);
    }

    [Fact]
    public async Task FetchAsync_ChangedYamlFile_ChangesTheRevisionAndContent()
    {
        var source = Source();
        var before = await source.FetchAsync(CancellationToken.None);
        Write("vpc.yml", "kind: Vpc\nspec: {}\n");

        var after = await source.FetchAsync(CancellationToken.None);

        Assert.NotEqual(before.Revision, after.Revision);
        Assert.Equal("kind: Vpc\nspec: {}\n", SnapshotFiles.Read(after)["vpc.yml"]);
    }

    [Theory]
    [InlineData("renamed")]
    [InlineData("added")]
    [InlineData("deleted")]
    public async Task FetchAsync_DocumentFileSetChanged_ChangesTheRevision(string change)
    {
        var source = Source();
        var before = await source.FetchAsync(CancellationToken.None);
        switch (change)
        {
            case "renamed":
                File.Move(_folder.Combine("dev", "vpc.yml"), _folder.Combine("dev", "vpc2.yml"));
                break;
            case "added":
                Write("subnet.YAML", "kind: Subnet\n");
                break;
            default:
                File.Delete(_folder.Combine("dev", "vpc.yml"));
                break;
        }

        var after = await source.FetchAsync(CancellationToken.None);

        Assert.NotEqual(before.Revision, after.Revision);
    }

    [Fact]
    public async Task FetchAsync_FileBesideTheDocumentsChanged_IsANewRevisionThatCarriesIt()
    {
        var source = Source();
        var before = await source.FetchAsync(CancellationToken.None);

        // A document may name a file beside it (a launch template's user data): it is part of the revision.
        Write("app-user-data.sh", "#!/bin/sh\necho v1\n");
        var after = await source.FetchAsync(CancellationToken.None);

        Assert.NotEqual(before.Revision, after.Revision);
        Assert.Equal(["app-user-data.sh", "stack.yaml", "vpc.yml"], SnapshotFiles.Read(after).Keys);
    }

    [Fact]
    public async Task FetchAsync_NestedFolderHiddenFileOrBackupChanged_KeepsTheRevision()
    {
        var source = Source();
        var before = await source.FetchAsync(CancellationToken.None);
        Write(".stack.yaml.swp", "editor state\n");
        Write("stack.yaml~", "backup\n");
        Directory.CreateDirectory(_folder.Combine("dev", "nested"));
        File.WriteAllText(_folder.Combine("dev", "nested", "ignored.yaml"), "kind: Nested\n");

        var after = await source.FetchAsync(CancellationToken.None);

        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(["stack.yaml", "vpc.yml"], SnapshotFiles.Read(after).Keys);
    }

    [Fact]
    public async Task FetchAsync_LaterEdit_LeavesTheEarlierSnapshotUnchanged()
    {
        var source = Source();
        var earlier = await source.FetchAsync(CancellationToken.None);

        Write("stack.yaml", "kind: Stack\nedited: true\n");
        await source.FetchAsync(CancellationToken.None);

        Assert.Equal("kind: Stack\n", SnapshotFiles.Read(earlier)["stack.yaml"]);
        Assert.Equal("dev", Path.GetFileName(earlier.Directory));
    }

    [Fact]
    public async Task FetchAsync_ManyRevisions_KeepsOnlyTheLastFewSnapshots()
    {
        var source = Source(keep: 2);
        var snapshots = new List<SourceSnapshot>();
        for (var i = 0; i < 4; i++)
        {
            Write("stack.yaml", $"kind: Stack\nversion: {i}\n");
            snapshots.Add(await source.FetchAsync(CancellationToken.None));
        }

        Assert.Equal([false, false, true, true], snapshots.Select(s => Directory.Exists(s.Directory)));
    }

    [Fact]
    public async Task FetchAsync_RevisionSeenAgain_IsKeptAsMostRecent()
    {
        var source = Source(keep: 2);
        var first = await source.FetchAsync(CancellationToken.None);
        Write("stack.yaml", "kind: Stack\nversion: 2\n");
        await source.FetchAsync(CancellationToken.None);
        Write("stack.yaml", "kind: Stack\n");
        await source.FetchAsync(CancellationToken.None);
        Write("stack.yaml", "kind: Stack\nversion: 3\n");

        var latest = await source.FetchAsync(CancellationToken.None);

        Assert.True(Directory.Exists(first.Directory));
        Assert.True(Directory.Exists(latest.Directory));
    }

    [Fact]
    public async Task FetchAsync_MissingFolder_ThrowsNotFoundNamingIt()
    {
        var missing = _folder.Combine("nope");

        var error = await Assert.ThrowsAsync<SourceException>(() => new DirectorySource(missing, _work.Path).FetchAsync(CancellationToken.None));

        Assert.Equal(SourceErrorKind.NotFound, error.Kind);
        Assert.Equal($"Desired-state folder '{missing}' does not exist; create it or pass the folder that holds stack.yaml.", error.Message);
    }

    private DirectorySource Source(int keep = 3) => new(_folder.Combine("dev"), _work.Path, keep);

    private void Write(string name, string content) => File.WriteAllText(_folder.Combine("dev", name), content);
}
