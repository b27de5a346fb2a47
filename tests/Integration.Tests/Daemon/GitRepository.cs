using LibGit2Sharp;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>A local git repository in a temporary folder, for the daemon to follow.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly Signature _author = new("Platform Engineer", "platform@example.com", DateTimeOffset.UtcNow);

    public GitRepository()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconciler-git-" + Guid.NewGuid().ToString("N"));
        Repository.Init(Path);
    }

    public string Path { get; }

    /// <summary>The environment folder the tests write documents into.</summary>
    public string Folder => System.IO.Path.Combine(Path, "desired-state", "dev");

    /// <summary>Commits everything in the work tree to main and returns the commit's sha.</summary>
    public string Commit(string message)
    {
        using var repository = new Repository(Path);
        Commands.Stage(repository, "*");
        var commit = repository.Commit(message, _author, _author);
        if (repository.Head.FriendlyName != "main")
        {
            // The first commit lands on git's default branch; the tests follow main.
            Commands.Checkout(repository, repository.Branches["main"] ?? repository.CreateBranch("main", commit));
        }

        return commit.Sha;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
