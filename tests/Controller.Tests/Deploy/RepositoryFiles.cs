namespace Reconciler.Controller.Tests.Deploy;

/// <summary>Files of this repository, for tests that check what is shipped beside the code (Dockerfiles, workflows).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding Reconciler.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The text of a file, by its path from the repository root.</summary>
    public static string Read(string path) => File.ReadAllText(Path.Combine(Root(), path));

    /// <summary>The AssemblyName a project sets, or its file name when it sets none (as MSBuild does).</summary>
    public static string AssemblyNameOf(string project)
    {
        var xml = System.Xml.Linq.XDocument.Parse(Read(project));
        return xml.Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault() ?? Path.GetFileNameWithoutExtension(project);
    }
}
