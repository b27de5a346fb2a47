using LibGit2Sharp;

namespace Reconciler.Controller.Tests.Sources;

/// <summary>A real git repository with a working tree in a temp folder, on branch main, for sources to read.</summary>
internal sealed class TestRepository : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();
    private readonly Repository _repository;
    private int _commits;

    public TestRepository()
    {
        Repository.Init(_folder.Path);

        // libgit2 starts on master; the controller's default branch is main.
        File.WriteAllText(System.IO.Path.Combine(_folder.Path, ".git", "HEAD"), "ref: refs/heads/main\n");
        _repository = new Repository(_folder.Path);
    }

    /// <summary>The working tree's folder, usable as the source URL.</summary>
    public string Path => _folder.Path;

    /// <summary>The same repository as a file:// URL.</summary>
    public string FileUrl => new Uri(_folder.Path).AbsoluteUri;

    /// <summary>Writes (or, with a null content, deletes) files in the working tree and commits them; returns the sha.</summary>
    public string Commit(string message, params (string File, string? Content)[] files)
    {
        foreach (var (file, content) in files)
        {
            var full = System.IO.Path.Combine(_folder.Path, file);
            if (content is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Commands.Stage(_repository, "*");
        var signature = new Signature("Ada Lovelace", "ada@example.com", Start.AddMinutes(_commits++));
        return _repository.Commit(message, signature, signature).Sha;
    }

    /// <summary>Writes a file to the working tree without committing it.</summary>
    public void WriteUncommitted(string file, string content) => File.WriteAllText(System.IO.Path.Combine(_folder.Path, file), content);

    /// <summary>Creates a branch at the current commit and switches the working tree to it.</summary>
    public void CheckoutNewBranch(string name) => Commands.Checkout(_repository, _repository.CreateBranch(name));

    /// <summary>Switches the working tree to an existing branch.</summary>
    public void Checkout(string name) => Commands.Checkout(_repository, _repository.Branches[name]);

    public void Dispose()
    {
        _repository.Dispose();
        _folder.Dispose();
    }
}
