namespace Reconciler.Model.Tests.Support;

/// <summary>Golden files: compared exactly; rewritten in the source tree when UPDATE_GOLDEN=1.</summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals Golden/<paramref name="name"/>, or rewrites it.</summary>
    public static void Assert(string name, string actual)
    {
        var path = Path.Combine(TestPaths.ProjectDir, "Golden", name);
        if (Updating || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            if (!Updating)
            {
                Xunit.Assert.Fail($"Golden file {name} did not exist and was written; review it and run again.");
            }
        }

        Xunit.Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
