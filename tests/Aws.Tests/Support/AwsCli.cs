using System.Diagnostics;
using System.Text.Json;

namespace Reconciler.Aws.Tests.Support;

/// <summary>The aws CLI (botocore's own serializers) against an endpoint: the independent check of the generated clients.</summary>
internal static class AwsCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(Uri endpoint, string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--region", "us-east-1", "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "x";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "x";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment.Remove("AWS_PROFILE");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the aws CLI did not start; install awscli.");
        using var limit = new CancellationTokenSource(Limit);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', args)} did not finish within {Limit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
        }

        var text = (await output).Trim();
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }
}
