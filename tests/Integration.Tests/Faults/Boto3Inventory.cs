using System.Diagnostics;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// The crash test's checker: one boto3 process (an independent client, like the aws CLI, but one
/// process for every read) runs inventory.py beside this file, which lists what the controller
/// can create in every service it uses and prints one line per duplicate or untagged leftover.
/// Nothing printed: nothing wrong.
/// </summary>
internal static class Boto3Inventory
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "Faults", "inventory.py");

    /// <summary>Every duplicate and untagged leftover the emulator at <paramref name="endpoint"/> holds; empty when none.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(Uri endpoint)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(endpoint.ToString());
        start.Environment.Remove("AWS_PROFILE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The boto3 inventory failed ({process.ExitCode}): {await errors}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
