using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// The aws CLI pointed at the emulator: an independent client, so tests check what AWS holds
/// without trusting the drivers under test.
/// </summary>
internal sealed class AwsCli(Uri endpoint)
{
    /// <summary>Runs <c>aws ARGS --output json</c> and parses what it prints (null when it prints nothing).</summary>
    public async Task<JsonNode?> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--endpoint-url", endpoint.ToString(), "--output", "json", "--region", "us-east-1"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_PROFILE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}");
        }

        var text = await output;
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }
}
