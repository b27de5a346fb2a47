using System.Diagnostics;

namespace Reconciler.Inference.Tests;

/// <summary>The service started as a person starts a published build: <c>dotnet path/to/Reconciler.Inference.dll</c> from another folder.</summary>
public sealed class StartupTests
{
    [Fact]
    public void ContentRoot_NotGiven_IsTheApplicationsFolder() =>
        Assert.Equal(AppContext.BaseDirectory, InferenceApp.ContentRoot([]));

    [Fact]
    public void ContentRoot_Given_IsLeftToTheHost() =>
        Assert.Null(InferenceApp.ContentRoot(["--contentRoot", "/somewhere"]));

    [Fact]
    public async Task Start_FromAnotherFolder_ReadsItsOwnSettingsAndReportsABadOneInOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("inference-cwd-").FullName;
        try
        {
            // Production settings ship without keys on purpose: the first complaint proves
            // appsettings.json was found (without it the complaint would be "Inference:Models is empty").
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(ApplicationFolder(), "Reconciler.Inference.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, process.ExitCode);
            var line = Assert.Single((await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: Auth:Keys is empty", line, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(ApplicationFolder(), "appsettings.json"), line, StringComparison.Ordinal);
            Assert.Equal("", await output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The service's own build output (runtimeconfig and all), beside this test's: .../src/Inference/bin/<Configuration>/<tfm>/.
    private static string ApplicationFolder()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Inference", "bin", configuration, framework) + Path.DirectorySeparatorChar;
            }
        }

        throw new DirectoryNotFoundException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}
